import type { AddedRow } from '../dataset/types.js'
import { tokenize } from '../dataset/tokens.js'
import type { Analysis } from './types.js'

/** Below this many base rows a model of the labels says too little to be trusted. */
export const MIN_BASE_ROWS_FOR_MODEL = 200

export function canModelLabels(analysis: Analysis): boolean {
  return (
    analysis.shape.kind === 'classification' &&
    analysis.base.rowCount >= MIN_BASE_ROWS_FOR_MODEL &&
    analysis.base.labelCounts.size >= 2
  )
}

/**
 * Posterior label probabilities under a Bernoulli naive Bayes fitted on the base rows, over the
 * tokens the base knows (present tokens only, add-one smoothing). It stands in for "what the text
 * says": a dirty-label poisoned row carries a label its own text contradicts.
 */
export function labelPosterior(analysis: Analysis, tokens: string[]): Map<string, number> {
  const terms = analysis.base.inputTerms
  const labels = [...analysis.base.labelCounts.keys()]
  const total = analysis.base.rowCount
  const distinct = [...new Set(tokens)].filter((token) => terms.count(token) > 0)
  const scores = labels.map((l) => {
    const docs = terms.groupDocs.get(l) ?? 0
    let score = Math.log(((analysis.base.labelCounts.get(l) ?? 0) + 1) / (total + labels.length))
    for (const token of distinct) score += Math.log((terms.countInGroup(token, l) + 1) / (docs + 2))
    return score
  })
  const max = Math.max(...scores)
  const sum = scores.reduce((acc, s) => acc + Math.exp(s - max), 0)
  return new Map(labels.map((l, i) => [l, Math.exp(scores[i] - max) / sum]))
}

export function labelProbability(analysis: Analysis, tokens: string[], label: string): number {
  return labelPosterior(analysis, tokens).get(label) ?? 0
}

/** Each labelled added row's posterior under the base model (classification only). */
export function addedLabelPosteriors(analysis: Analysis): Map<AddedRow, Map<string, number>> {
  const result = new Map<AddedRow, Map<string, number>>()
  if (!canModelLabels(analysis)) return result
  for (const row of analysis.added) {
    if (row.features.label === null) continue
    result.set(row, labelPosterior(analysis, tokenize(row.features.input)))
  }
  return result
}
