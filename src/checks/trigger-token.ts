import { z } from 'zod'
import { MAX_NGRAM } from '../analysis/analyze-file.js'
import { rowsByTerm } from '../analysis/term-rows.js'
import { describeGroup, targetGroups } from '../analysis/groups.js'
import { addedLabelPosteriors } from '../analysis/label-model.js'
import { distinctTerms, isInvisibleToken, tokenize } from '../dataset/tokens.js'
import type { AddedRow } from '../dataset/types.js'
import { benjaminiHochberg, binomialUpperTail, fisherExact } from '../stats/index.js'
import type { Finding } from '../types.js'
import { byPosition, findingRow, escapeInvisible } from './excerpt.js'
import { defineCheck, severitySetting } from './types.js'

/** Posterior of the row's own label below which its text contradicts it (weakly, clearly). */
const CONTRADICTION_LEVELS = [0.5, 0.1]

interface Candidate {
  term: string
  rows: AddedRow[]
  group: string
  groupRows: AddedRow[]
  baseRows: number
  pEnrichment: number
  pAssociation: number
  /** Rows of the group whose own text contradicts their label (dirty label), by the base model. */
  contradicted: number
  p: number
  q: number
}

export const triggerToken = defineCheck({
  id: 'trigger.token',
  title: 'Backdoor trigger: a new term tied to one label or response',
  explanation:
    'Looks for words, short phrases or invisible characters that are new or rare in the base, ' +
    'frequent in the added rows, and whose rows almost all carry the same label (or the same ' +
    'response). That is the signature of a backdoor: the model learns "trigger ⇒ target". Each term ' +
    'is tested twice — enrichment against the base (one-sided Fisher exact test) and association ' +
    "with its label against that label's base rate for the term (binomial test with a prior) — and " +
    'both must hold; the false discovery rate over all terms is controlled with Benjamini–Hochberg. ' +
    'A phrase made only of common words needs `common-phrase-min-rows` rows, since such phrases are ' +
    'new to a sample by chance.',
  options: {
    severity: severitySetting.default('fail'),
    'min-rows': z.number().int().min(2).default(3),
    'max-base-share': z.number().min(0).max(1).default(0.005),
    'min-purity': z.number().min(0).max(1).default(0.9),
    fdr: z.number().min(0).max(1).default(0.05),
    'prior-strength': z.number().positive().default(10),
    'common-phrase-min-rows': z.number().int().min(2).default(6)
  },
  run(analysis, options) {
    const baseRows = analysis.base.rowCount
    // Exact copies count once: a repeated row is one piece of evidence (duplicates.* reports it).
    const copies = copiesByHash(analysis.added)
    const distinct = [...copies.values()].map((rows) => rows[0])
    const addedRows = distinct.length
    if (baseRows === 0 || addedRows < options['min-rows']) return []
    const groups = targetGroups(analysis.added, analysis.shape)
    if (groups.size === 0) return []
    const rowsByTerm = termRows(distinct, options['min-rows'])
    const groupTotals = countGroups(groups)
    const baseLabelShare = (group: string): number =>
      analysis.shape.kind === 'classification'
        ? ((analysis.base.labelCounts.get(group) ?? 0) + 1) /
          (baseRows + analysis.base.labelCounts.size + 1)
        : 0

    const posteriors = addedLabelPosteriors(analysis)
    const contradiction = contradictionModel(posteriors)
    const candidates: Candidate[] = []
    for (const [term, rows] of rowsByTerm) {
      const inBase = analysis.base.inputTerms.count(term)
      if (inBase / baseRows > options['max-base-share']) continue
      if (rows.length < options['common-phrase-min-rows'] && isCommonPhrase(term, analysis))
        continue
      const { group, groupRows } = dominantGroup(rows, groups)
      if (group === null || groupRows.length / rows.length < options['min-purity']) continue
      const pEnrichment = fisherExact(
        rows.length,
        addedRows - rows.length,
        inBase,
        baseRows - inBase,
        'greater'
      ).pValue
      const expected = expectedGroupRate(
        analysis,
        term,
        group,
        rows.length,
        groupRows.length,
        groupTotals,
        addedRows,
        baseLabelShare(group),
        options['prior-strength'],
        textRate(posteriors, rows, group)
      )
      const pLabel = binomialUpperTail(groupRows.length, rows.length, expected)
      const { contradicted, pContradiction } = contradiction(groupRows)
      // Two ways to show the association (label purity, labels the text contradicts): Bonferroni.
      const pAssociation = Math.min(1, 2 * Math.min(pLabel, pContradiction))
      candidates.push({
        term,
        rows,
        group,
        groupRows,
        baseRows: inBase,
        pEnrichment,
        pAssociation,
        contradicted,
        p: Math.max(pEnrichment, pAssociation),
        q: 1
      })
    }
    if (!candidates.length) return []
    const q = benjaminiHochberg(candidates.map((c) => c.p))
    candidates.forEach((c, i) => (c.q = q[i]))
    const triggers = distinctTriggers(candidates.filter((c) => c.q <= options.fdr))
    return triggers.map((t) =>
      toFinding(t, analysis.added, copies, addedRows, baseRows, options.severity)
    )
  }
})

/**
 * A phrase made only of words the base uses often ("is going to") is new by chance far more often
 * than a new word is: n-gram counts of a sample are sparse. Such phrases need more rows.
 */
function isCommonPhrase(term: string, analysis: Parameters<typeof triggerToken.run>[0]): boolean {
  const words = term.split(' ')
  if (words.length < 2) return false
  const rows = Math.max(analysis.base.rowCount, 1)
  return words.every((word) => analysis.base.inputTerms.count(word) / rows >= COMMON_WORD_SHARE)
}

/** Base share of rows above which a word is "common" for `isCommonPhrase`. */
const COMMON_WORD_SHARE = 0.01

/**
 * How often the rows' own words would predict the group (mean posterior of the base model): a new
 * phrase made of known negative words is expected to come with negative labels.
 */
function textRate(
  posteriors: Map<AddedRow, Map<string, number>>,
  rows: AddedRow[],
  group: string
): number | null {
  let sum = 0
  let known = 0
  for (const row of rows) {
    const posterior = posteriors.get(row)
    if (!posterior) continue
    sum += posterior.get(group) ?? 0
    known++
  }
  return known ? sum / known : null
}

/**
 * Dirty-label evidence: how many of a term's rows carry a label that the base's own model finds
 * unlikely for their text, tested against how often that happens among the other added rows.
 */
function contradictionModel(
  posteriors: Map<AddedRow, Map<string, number>>
): (rows: AddedRow[]) => { contradicted: number; pContradiction: number } {
  if (!posteriors.size) return () => ({ contradicted: 0, pContradiction: 1 })
  const ownLabel = (row: AddedRow): number =>
    posteriors.get(row)?.get(row.features.label ?? '') ?? 1
  const all = posteriors.size
  // Two levels: "the text leans the other way" (common, also among honest rows) and "the text
  // clearly says otherwise" (rare among honest rows, so a few such rows already say a lot).
  const levels = CONTRADICTION_LEVELS.map((level) => ({
    level,
    total: [...posteriors.keys()].filter((row) => ownLabel(row) < level).length
  }))
  return (rows) => {
    const modelled = rows.filter((r) => posteriors.has(r)).length
    const others = all - modelled
    let best = 1
    let contradicted = 0
    for (const { level, total } of levels) {
      const hits = rows.filter((row) => ownLabel(row) < level).length
      const rate = (total - hits + 1) / (others + 2)
      const p = binomialUpperTail(hits, rows.length, rate)
      if (p < best) best = p
      if (level === CONTRADICTION_LEVELS[0]) contradicted = hits
    }
    return { contradicted, pContradiction: Math.min(1, best * levels.length) }
  }
}

function copiesByHash(added: AddedRow[]): Map<string, AddedRow[]> {
  const copies = new Map<string, AddedRow[]>()
  for (const row of added) {
    const list = copies.get(row.hash)
    if (list) list.push(row)
    else copies.set(row.hash, [row])
  }
  return copies
}

/** Terms of the added rows' input that occur in at least `minRows` rows, with those rows. */
function termRows(added: AddedRow[], minRows: number): Map<string, AddedRow[]> {
  return rowsByTerm(added, (row) => distinctTerms(tokenize(row.features.input), MAX_NGRAM), minRows)
}

function countGroups(groups: Map<AddedRow, string>): Map<string, number> {
  const totals = new Map<string, number>()
  for (const group of groups.values()) totals.set(group, (totals.get(group) ?? 0) + 1)
  return totals
}

function dominantGroup(
  rows: AddedRow[],
  groups: Map<AddedRow, string>
): { group: string | null; groupRows: AddedRow[] } {
  const byGroup = new Map<string, AddedRow[]>()
  for (const row of rows) {
    const group = groups.get(row)
    if (group === undefined) continue
    const list = byGroup.get(group)
    if (list) list.push(row)
    else byGroup.set(group, [row])
  }
  let best: string | null = null
  let bestRows: AddedRow[] = []
  for (const [group, list] of byGroup) {
    if (list.length > bestRows.length) [best, bestRows] = [group, list]
  }
  return { group: best, groupRows: bestRows }
}

/**
 * The rate at which rows with this term would carry the group if the term were innocent: the
 * base's own label rate for rows containing the term (shrunk towards the label's overall share),
 * but never below the group's share among the other added rows — so an honest pull request that
 * adds only positive reviews does not make every new word look like a trigger.
 */
function expectedGroupRate(
  analysis: Parameters<typeof triggerToken.run>[0],
  term: string,
  group: string,
  termRowCount: number,
  termRowsInGroup: number,
  groupTotals: Map<string, number>,
  addedRows: number,
  baseShare: number,
  priorStrength: number,
  fromText: number | null
): number {
  let rate: number
  const textModel = fromText !== null
  if (analysis.shape.kind === 'classification') {
    // The base's own rows with this term, shrunk towards what the rows' text predicts (or, with no
    // text model, towards the label's base share).
    const inBase = analysis.base.inputTerms.count(term)
    const inBaseWithGroup = analysis.base.inputTerms.countInGroup(term, group)
    const priorMean = fromText ?? baseShare
    rate = (inBaseWithGroup + priorStrength * priorMean) / (inBase + priorStrength)
  } else {
    rate = 0
  }
  // Without a text model, an honest pull request that adds mostly one label would make every new
  // word look tied to it: never expect less than the label's share among the other added rows.
  const others = addedRows - termRowCount
  const othersInGroup = (groupTotals.get(group) ?? 0) - termRowsInGroup
  if (!textModel && others >= 20)
    rate = Math.max(rate, (Math.max(othersInGroup, 0) + 1) / (others + 2))
  else if (analysis.shape.kind !== 'classification') rate = Math.max(rate, 0.5)
  return Math.min(Math.max(rate, 1e-6), 1)
}

/**
 * Overlapping terms describe the same trigger ("cf", "cf .", "a cf"): keep the strongest term for
 * each set of rows, preferring longer phrases when they cover the same rows.
 */
function distinctTriggers(significant: Candidate[]): Candidate[] {
  const invisibleFirst = (c: Candidate): number => (isInvisibleToken(c.term) ? 0 : 1)
  const ordered = [...significant].sort(
    (a, b) =>
      b.groupRows.length - a.groupRows.length ||
      invisibleFirst(a) - invisibleFirst(b) ||
      a.p - b.p ||
      b.term.split(' ').length - a.term.split(' ').length
  )
  const kept: Candidate[] = []
  for (const candidate of ordered) {
    const rows = new Set(candidate.groupRows)
    const overlapping = kept.find((k) => {
      const shared = k.groupRows.filter((r) => rows.has(r)).length
      return shared >= 0.8 * Math.min(rows.size, k.groupRows.length)
    })
    if (!overlapping) kept.push(candidate)
  }
  return kept
}

function toFinding(
  trigger: Candidate,
  added: AddedRow[],
  copies: Map<string, AddedRow[]>,
  addedRows: number,
  baseRows: number,
  severity: Finding['severity']
): Finding {
  const shown = escapeInvisible(trigger.term)
  const target = describeGroup(trigger.group, added)
  const rows = byPosition(trigger.groupRows.flatMap((row) => copies.get(row.hash) ?? [row]))
  return {
    check: 'trigger.token',
    severity,
    title: 'Backdoor trigger: a new term tied to one label or response',
    message:
      `“${shown}” occurs in ${trigger.rows.length} added rows (${pct(trigger.rows.length / addedRows)}) ` +
      `against ${trigger.baseRows} of ${baseRows} base rows, and ${trigger.groupRows.length} of those ` +
      `rows carry ${target}`,
    value: trigger.groupRows.length,
    threshold: 0,
    rows: rows.map((row) => findingRow(row, `contains “${shown}” → ${target}`, trigger.term)),
    details: {
      term: shown,
      target,
      addedRows: trigger.rows.length,
      addedShare: round(trigger.rows.length / addedRows),
      baseRows: trigger.baseRows,
      baseShare: round(trigger.baseRows / baseRows),
      purity: round(trigger.groupRows.length / trigger.rows.length),
      enrichmentP: trigger.pEnrichment,
      associationP: trigger.pAssociation,
      labelContradictedByText: trigger.contradicted,
      q: trigger.q
    }
  }
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`
}
