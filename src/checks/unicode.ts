import { z } from 'zod'
import type { AddedRow } from '../dataset/types.js'
import { scanHomoglyphs } from '../scan/homoglyph.js'
import { formatCodePoint, scanUnicode } from '../scan/unicode.js'
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
    'point; a code point the base already uses in more than `max-base-share` of its rows is only noted.',
  options: {
    severity: severitySetting.default('fail'),
    'max-base-share': z.number().min(0).max(1).default(0.01)
  },
  run(analysis, options) {
    const baseRows = Math.max(analysis.base.rowCount, 1)
    const flagged = new Map<AddedRow, Set<number>>()
    const familiar = new Map<AddedRow, Set<number>>()
    const perCodePoint = new Map<number, { name: string; rows: number }>()
    for (const row of analysis.added) {
      for (const hit of scanUnicode(row.features.allText)) {
        if (hit.severity !== 'high') continue
        const baseShare = (analysis.base.codePoints.get(hit.codePoint) ?? 0) / baseRows
        const target = baseShare > options['max-base-share'] ? familiar : flagged
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
