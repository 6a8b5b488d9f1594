import { z } from 'zod'
import { canModelLabels, labelProbability } from '../analysis/label-model.js'
import type { Analysis } from '../analysis/types.js'
import { isAlphabetic, tokenize } from '../dataset/tokens.js'
import type { AddedRow } from '../dataset/types.js'
import { binomialUpperTail } from '../stats/index.js'
import { byPosition, findingRow } from './excerpt.js'
import { defineCheck, severitySetting } from './types.js'

export const triggerRareToken = defineCheck({
  id: 'trigger.rare-token',
  title: 'Backdoor trigger: a nonsense token in a row whose label contradicts its text',
  explanation:
    'BadNets-style attacks insert a rare made-up token (a short letter string that is not a word of the ' +
    'dataset) into a few rows and give them the target label, whatever the text says. Planted at 1% ' +
    'a token may appear only once or twice, too rarely for enrichment statistics. This check flags a ' +
    'row when both hold: it contains a token the base never uses that does not look like a word of ' +
    "the base's language (a character model of the base vocabulary finds it more surprising than " +
    "almost every rare base word), and a naive Bayes model fitted on the base finds the row's label " +
    'very unlikely for its text. Honest text contradicts the model now and then, so rows are only ' +
    'flagged when rows with such tokens are contradicted significantly more often than the other ' +
    'added rows (binomial test, p ≤ `p-value`).',
  options: {
    severity: severitySetting.default('fail'),
    'surprise-quantile': z.number().min(0.5).max(1).default(0.999),
    'max-label-probability': z.number().min(0).max(1).default(0.1),
    'p-value': z.number().min(0).max(1).default(0.01)
  },
  run(analysis, options) {
    if (!canModelLabels(analysis)) return []
    const threshold = surpriseThreshold(analysis, options['surprise-quantile'])
    if (threshold === null) return []
    const probabilities = new Map<AddedRow, number>()
    const strangeTokens = new Map<AddedRow, string[]>()
    for (const row of analysis.added) {
      if (row.features.label === null) continue
      const tokens = tokenize(row.features.input)
      probabilities.set(row, labelProbability(analysis, tokens, row.features.label))
      const strange = [...new Set(tokens)].filter(
        (t) =>
          isAlphabetic(t) &&
          !analysis.base.vocabulary.has(t) &&
          analysis.base.wordShape.surprise(t) >= threshold
      )
      if (strange.length) strangeTokens.set(row, strange)
    }
    const contradicted = (row: AddedRow): boolean =>
      (probabilities.get(row) ?? 1) <= options['max-label-probability']
    // Honest text contradicts the base model now and then too (sarcasm, slang, a weak model).
    // Only when rows with strange tokens are contradicted far more often than the other added
    // rows is it the planted pattern rather than chance.
    const suspects = [...strangeTokens.keys()].filter(contradicted)
    const others = [...probabilities.keys()].filter((row) => !strangeTokens.has(row))
    const honestRate = (others.filter(contradicted).length + 1) / (others.length + 2)
    const p = binomialUpperTail(suspects.length, strangeTokens.size, honestRate)
    if (!suspects.length || p > options['p-value']) return []
    const flagged = new Map<AddedRow, string>()
    for (const row of suspects) {
      flagged.set(
        row,
        `unseen token “${strangeTokens.get(row)!.join('”, “')}”; label ${row.features.label} has probability ${probabilities.get(row)!.toFixed(3)} for this text`
      )
    }
    if (!flagged.size) return []
    const rows = byPosition([...flagged.keys()])
    return [
      {
        check: 'trigger.rare-token',
        severity: options.severity,
        title: 'Backdoor trigger: a nonsense token in a row whose label contradicts its text',
        message: `${rows.length} added ${rows.length === 1 ? 'row contains' : 'rows contain'} a token unknown to the base that does not look like a word, with a label the base's own model finds unlikely`,
        value: rows.length,
        threshold: 0,
        rows: rows.map((row) => findingRow(row, flagged.get(row))),
        details: {
          surpriseThreshold: Math.round(threshold * 100) / 100,
          rowsWithUnseenTokens: strangeTokens.size,
          contradictedShareElsewhere: Math.round(honestRate * 10000) / 10000,
          pValue: p
        }
      }
    ]
  }
})

/** The `quantile` of word-shape surprise over the base's rare (single-row) words. */
function surpriseThreshold(analysis: Analysis, quantile: number): number | null {
  const scores: number[] = []
  for (const [token, rows] of analysis.base.vocabulary) {
    if (rows === 1 && isAlphabetic(token)) scores.push(analysis.base.wordShape.surprise(token))
  }
  if (scores.length < 50) return null
  scores.sort((a, b) => a - b)
  return scores[Math.min(scores.length - 1, Math.floor(quantile * scores.length))]
}
