import { z } from 'zod'
import { MAX_NGRAM } from '../analysis/analyze-file.js'
import { rowsByTerm } from '../analysis/term-rows.js'
import { extractDomains } from '../analysis/domains.js'
import { distinctTerms, isInvisibleToken, tokenize } from '../dataset/tokens.js'
import type { AddedRow } from '../dataset/types.js'
import { benjaminiHochberg, fisherExact } from '../stats/index.js'
import type { Finding } from '../types.js'
import { byPosition, findingRow } from './excerpt.js'
import { defineCheck, severitySetting } from './types.js'

interface Mover {
  term: string
  rows: AddedRow[]
  baseRows: number
  p: number
  q: number
}

export const contentInjection = defineCheck({
  id: 'content.injection',
  title: 'Injected content: a name or link suddenly common in the responses',
  explanation:
    'Content-injection poisoning (AutoPoison, statistical-bias attacks) makes the model mention a ' +
    'brand, vendor, person or website by adding it to many answers where the question never asked ' +
    'for it. This check finds names (capitalised terms) and domains that are rare in the base ' +
    'responses (or at least `min-share-ratio` times more common than in the base) and appear in a ' +
    'notable share of the added responses without appearing in the ' +
    'matching prompt, tests the enrichment with a one-sided Fisher exact test (Benjamini–Hochberg ' +
    'over all terms), and lists the rows that carry them with the share before and after.',
  options: {
    severity: severitySetting.default('fail'),
    'min-rows': z.number().int().min(2).default(3),
    'min-added-share': z.number().min(0).max(1).default(0.03),
    'max-base-share': z.number().min(0).max(1).default(0.005),
    'min-share-ratio': z.number().min(1).default(5),
    fdr: z.number().min(0).max(1).default(0.001)
  },
  run(analysis, options) {
    if (analysis.shape.kind !== 'instruction' && analysis.shape.kind !== 'chat') return []
    const addedRows = analysis.added.length
    const baseRows = analysis.base.rowCount
    if (baseRows === 0 || addedRows < options['min-rows']) return []
    // Terms in fewer rows than either threshold asks are never needed (the loop checks again).
    const minRows = Math.max(
      options['min-rows'],
      Math.floor(options['min-added-share'] * addedRows)
    )
    const unprompted = unpromptedTerms(analysis.added, minRows)
    const movers: Mover[] = []
    for (const [term, rows] of unprompted) {
      if (rows.length < options['min-rows'] || rows.length / addedRows < options['min-added-share'])
        continue
      const inBase = term.startsWith('domain:')
        ? baseDomainRows(analysis.base.domains, term)
        : analysis.base.outputTerms.count(term)
      // New in the base, or already there but now many times more common (statistical bias:
      // one vendor recommended far more often than before).
      const baseShare = inBase / baseRows
      const addedShare = rows.length / addedRows
      if (
        baseShare > options['max-base-share'] &&
        addedShare < options['min-share-ratio'] * baseShare
      )
        continue
      if (!term.startsWith('domain:') && !looksLikeName(term, rows)) continue
      const p = fisherExact(
        rows.length,
        addedRows - rows.length,
        inBase,
        baseRows - inBase,
        'greater'
      ).pValue
      movers.push({ term, rows, baseRows: inBase, p, q: 1 })
    }
    if (!movers.length) return []
    const q = benjaminiHochberg(movers.map((m) => m.p))
    movers.forEach((m, i) => (m.q = q[i]))
    return distinctMovers(movers.filter((m) => m.q <= options.fdr)).map((m) =>
      toFinding(m, addedRows, baseRows, options.severity)
    )
  }
})

/**
 * Terms of each added response that its own prompt does not contain — an answer that mentions
 * what the question asked about is not injection.
 */
function unpromptedTerms(added: AddedRow[], minRows: number): Map<string, AddedRow[]> {
  return rowsByTerm(added, unpromptedTermsOf, minRows)
}

function* unpromptedTermsOf(row: AddedRow): Generator<string> {
  const prompt = distinctTerms(tokenize(row.features.input), MAX_NGRAM)
  for (const term of distinctTerms(tokenize(row.features.output), 2)) {
    if (!prompt.has(term) && !isInvisibleToken(term)) yield term
  }
  const promptDomains = extractDomains(row.features.input)
  for (const domain of extractDomains(row.features.output)) {
    if (!promptDomains.has(domain)) yield 'domain:' + domain
  }
}

function baseDomainRows(domains: Map<string, number>, term: string): number {
  return domains.get(term.slice('domain:'.length)) ?? 0
}

/**
 * A name is written with a capital letter somewhere other than the start of a sentence in most of
 * its occurrences ("McDonald's", "Acme Cloud", "iPhone"), which separates brands and people from
 * the ordinary new words of a topic.
 */
function looksLikeName(term: string, rows: AddedRow[]): boolean {
  const words = term.split(' ')
  if (words.some((w) => w.length < 2 || /^\d+$/u.test(w))) return false
  const pattern = new RegExp(
    `(^|[^\\p{L}\\p{N}])(${escapeRegExp(term).replace(/ /g, '\\s+')})(?![\\p{L}\\p{N}])`,
    'giu'
  )
  let named = 0
  let seen = 0
  for (const row of rows) {
    for (const match of row.features.output.matchAll(pattern)) {
      seen++
      const text = match[2]
      const before = row.features.output.slice(0, match.index + match[1].length).trimEnd()
      const sentenceStart = before === '' || /[.!?:\n]$/u.test(before)
      if (/\p{Lu}/u.test(sentenceStart ? text.slice(1) : text)) named++
    }
  }
  return seen > 0 && named / seen >= 0.8
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function distinctMovers(significant: Mover[]): Mover[] {
  const ordered = [...significant].sort((a, b) => b.rows.length - a.rows.length || a.p - b.p)
  const kept: Mover[] = []
  for (const mover of ordered) {
    const rows = new Set(mover.rows)
    const overlapping = kept.find(
      (k) => k.rows.filter((r) => rows.has(r)).length >= 0.8 * Math.min(rows.size, k.rows.length)
    )
    if (!overlapping) kept.push(mover)
  }
  return kept
}

function toFinding(
  mover: Mover,
  addedRows: number,
  baseRows: number,
  severity: Finding['severity']
): Finding {
  const name = mover.term.startsWith('domain:') ? mover.term.slice('domain:'.length) : mover.term
  const addedShare = mover.rows.length / addedRows
  const baseShare = mover.baseRows / baseRows
  return {
    check: 'content.injection',
    severity,
    title: 'Injected content: a name or link suddenly common in the responses',
    message: `“${name}” appears unprompted in ${mover.rows.length} added responses (${pct(addedShare)}) against ${pct(baseShare)} of base responses`,
    value: round(addedShare),
    threshold: 0,
    rows: byPosition(mover.rows).map((row) =>
      findingRow(row, `mentions “${name}” unprompted`, name)
    ),
    details: {
      term: name,
      addedRows: mover.rows.length,
      addedShare: round(addedShare),
      baseRows: mover.baseRows,
      baseShare: round(baseShare),
      p: mover.p,
      q: mover.q
    }
  }
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`
}
