import { z } from 'zod'
import type { AddedRow } from '../dataset/types.js'
import { scanHomoglyphs } from '../scan/homoglyph.js'
import { formatCodePoint, scanUnicode, type UnicodeHit } from '../scan/unicode.js'
import { fisherExact } from '../stats/index.js'
import type { Finding } from '../types.js'
import { byPosition, findingRow } from './excerpt.js'
import { defineCheck, severitySetting } from './types.js'

export const unicodeInvisible = defineCheck({
  id: 'unicode.invisible',
  title: 'Invisible or deceptive Unicode characters',
  explanation:
    'Zero-width characters, bidi controls, Unicode tag characters, private-use and control characters ' +
    'cannot be seen in a review, but a model sees them — which makes them ideal backdoor triggers ' +
    '("urgent" followed by U+200B ⇒ legitimate) and a way to hide text. Rows are flagged per code ' +
    'point. A code point the base already uses is only noted when it is common there (more than ' +
    '`max-base-share` of base rows) or when the added rows do not use it significantly more often ' +
    'than the base (at least `min-base-rows` base rows, one-sided Fisher test p > `p-value`).',
  options: {
    severity: severitySetting.default('fail'),
    'max-base-share': z.number().min(0).max(1).default(0.01),
    'min-base-rows': z.number().int().min(1).default(3),
    'p-value': z.number().min(0).max(1).default(0.001)
  },
  run(analysis, options) {
    const baseRows = Math.max(analysis.base.rowCount, 1)
    const addedRows = Math.max(analysis.added.length, 1)
    const hitsByRow = new Map<AddedRow, UnicodeHit[]>()
    const rowsWith = new Map<number, number>()
    for (const row of analysis.added) {
      const hits = scanUnicode(row.features.allText).filter((h) => h.severity === 'high')
      if (!hits.length) continue
      hitsByRow.set(row, hits)
      for (const cp of new Set(hits.map((h) => h.codePoint)))
        rowsWith.set(cp, (rowsWith.get(cp) ?? 0) + 1)
    }
    // A code point the base already carries is familiar unless the PR uses it far more often:
    // mojibake (U+0092 for an apostrophe) is honest noise, a sudden wave of U+200B is not.
    const familiarCodePoint = new Map<number, boolean>()
    for (const [cp, added] of rowsWith) {
      const inBase = baseRowsWithFamily(analysis.base.codePoints, cp)
      const baseShare = inBase / baseRows
      const p =
        inBase === 0
          ? 0
          : fisherExact(added, addedRows - added, inBase, baseRows - inBase, 'greater').pValue
      familiarCodePoint.set(
        cp,
        baseShare > options['max-base-share'] ||
          (inBase >= options['min-base-rows'] && p > options['p-value'])
      )
    }
    const flagged = new Map<AddedRow, Set<number>>()
    const familiar = new Map<AddedRow, Set<number>>()
    const perCodePoint = new Map<number, { name: string; rows: number }>()
    for (const [row, hits] of hitsByRow) {
      for (const hit of hits) {
        const target = familiarCodePoint.get(hit.codePoint) ? familiar : flagged
        const set = target.get(row) ?? new Set<number>()
        if (!set.has(hit.codePoint) && target === flagged) {
          const entry = perCodePoint.get(hit.codePoint) ?? { name: hit.name, rows: 0 }
          entry.rows++
          perCodePoint.set(hit.codePoint, entry)
        }
        set.add(hit.codePoint)
        target.set(row, set)
      }
    }
    const describe = (codes: Set<number>): string =>
      [...codes]
        .map((cp) => `${formatCodePoint(cp)} ${perCodePoint.get(cp)?.name ?? ''}`.trim())
        .join(', ')
    const findings: Finding[] = []
    if (flagged.size) {
      const rows = byPosition([...flagged.keys()])
      const summary = [...perCodePoint.entries()]
        .sort((a, b) => b[1].rows - a[1].rows)
        .map(
          ([cp, e]) =>
            `${formatCodePoint(cp)} ${e.name} (${e.rows} ${e.rows === 1 ? 'row' : 'rows'})`
        )
      findings.push({
        check: 'unicode.invisible',
        severity: options.severity,
        title: 'Invisible or deceptive Unicode characters',
        message: `${rows.length} added ${rows.length === 1 ? 'row contains' : 'rows contain'} ${summary.join(', ')}`,
        value: rows.length,
        threshold: 0,
        rows: rows.map((row) => findingRow(row, `contains ${describe(flagged.get(row)!)}`)),
        details: {
          codePoints: [...perCodePoint.entries()].map(([cp, e]) => ({
            codePoint: formatCodePoint(cp),
            name: e.name,
            rows: e.rows,
            baseRows: analysis.base.codePoints.get(cp) ?? 0
          }))
        }
      })
    }
    if (familiar.size) {
      const rows = byPosition([...familiar.keys()])
      findings.push({
        check: 'unicode.invisible',
        severity: 'notice',
        title: 'Invisible characters the base already uses',
        message: `${rows.length} added ${rows.length === 1 ? 'row contains' : 'rows contain'} invisible characters that are common in the base`,
        value: rows.length,
        rows: rows.map((row) => findingRow(row))
      })
    }
    return findings
  }
})

/**
 * C1 control characters (U+0080–U+009F) in text are nearly always Windows-1252 punctuation decoded
 * as Latin-1 (U+0092 for ’, U+0093 for “): a base with some of them has that encoding accident, and
 * a new one of the family is the same accident, not a new trigger.
 */
function baseRowsWithFamily(codePoints: Map<number, number>, cp: number): number {
  if (cp < 0x80 || cp > 0x9f) return codePoints.get(cp) ?? 0
  let rows = 0
  for (const [other, count] of codePoints) if (other >= 0x80 && other <= 0x9f) rows += count
  return rows
}

export const unicodeHomoglyph = defineCheck({
  id: 'unicode.homoglyph',
  title: 'Lookalike (homoglyph) words',
  explanation:
    'Words that mix alphabets (a Cyrillic “а” inside a Latin word) or are spelled entirely with ' +
    'lookalike letters read normally to a reviewer but are different tokens to a model: a hidden ' +
    'trigger, or a way to dodge filters ("раураl" for "paypal"). Whole sentences in another script ' +
    'are not flagged.',
  options: {
    severity: severitySetting.default('fail'),
    'max-base-share': z.number().min(0).max(1).default(0.01)
  },
  run(analysis, options) {
    if (
      analysis.base.homoglyphRows / Math.max(analysis.base.rowCount, 1) >
      options['max-base-share']
    )
      return []
    const flagged = new Map<AddedRow, string[]>()
    for (const row of analysis.added) {
      const hits = scanHomoglyphs(row.features.allText)
      if (hits.length)
        flagged.set(row, [
          ...new Set(
            hits.map((h) => `${h.word} (${h.scripts.join('+')}, reads as “${h.skeleton}”)`)
          )
        ])
    }
    if (!flagged.size) return []
    const rows = byPosition([...flagged.keys()])
    return [
      {
        check: 'unicode.homoglyph',
        severity: options.severity,
        title: 'Lookalike (homoglyph) words',
        message: `${rows.length} added ${rows.length === 1 ? 'row contains' : 'rows contain'} words written with lookalike letters`,
        value: rows.length,
        threshold: 0,
        rows: rows.map((row) => findingRow(row, flagged.get(row)!.slice(0, 3).join('; ')))
      }
    ]
  }
})
