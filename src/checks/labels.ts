import { z } from 'zod'
import { CONFLICT } from '../analysis/types.js'
import { hashText, normalizeForMatch } from '../dataset/hash.js'
import type { AddedRow } from '../dataset/types.js'
import { chiSquareContingency, lInfinityDistance } from '../stats/index.js'
import type { Finding } from '../types.js'
import { byPosition, findingRow } from './excerpt.js'
import { defineCheck, severitySetting } from './types.js'

export const labelFlip = defineCheck({
  id: 'label.flip',
  title: 'Labels changed on known text',
  explanation:
    'An added row whose text is already in the base with a different label (or an edited row whose ' +
    'label changed) is a dirty-label flip: the classic way to teach a model the wrong answer while ' +
    'every row still looks like a plausible example. Genuine label corrections happen; they should ' +
    'be reviewed one by one and explained in the pull request.',
  options: {
    severity: severitySetting.default('fail'),
    'min-rows': z.number().int().min(1).default(1)
  },
  run(analysis, options) {
    if (analysis.shape.kind !== 'classification') return []
    const flipped = new Map<AddedRow, string>()
    for (const { added, removed } of analysis.modified) {
      const before = removed.features.label
      const after = added.features.label
      if (before !== null && after !== null && before !== after)
        flipped.set(added, `label ${before} → ${after}`)
    }
    for (const row of analysis.added) {
      if (flipped.has(row) || !row.features.input || row.features.label === null) continue
      const known = analysis.base.answers.get(hashText(normalizeForMatch(row.features.input)))
      if (known !== undefined && known !== CONFLICT && known !== row.features.label)
        flipped.set(row, `base has this text with label ${known}, row says ${row.features.label}`)
    }
    if (flipped.size < options['min-rows']) return []
    const rows = byPosition([...flipped.keys()])
    return [
      {
        check: 'label.flip',
        severity: options.severity,
        title: 'Labels changed on known text',
        message: `${rows.length} added ${rows.length === 1 ? 'row gives' : 'rows give'} a different label to text the base already labels`,
        value: rows.length,
        threshold: options['min-rows'],
        rows: rows.map((row) => findingRow(row, flipped.get(row)))
      }
    ]
  }
})

export const labelConflict = defineCheck({
  id: 'label.conflict',
  title: 'Same text, different labels within the pull request',
  explanation:
    'The pull request adds the same text more than once with different labels. At best this is noise; ' +
    'at worst it dilutes the correct label on purpose.',
  options: {
    severity: severitySetting.default('warn')
  },
  run(analysis, options) {
    if (analysis.shape.kind !== 'classification') return []
    const byText = new Map<string, AddedRow[]>()
    for (const row of analysis.added) {
      if (!row.features.input || row.features.label === null) continue
      const key = normalizeForMatch(row.features.input)
      const list = byText.get(key)
      if (list) list.push(row)
      else byText.set(key, [row])
    }
    const conflicting = [...byText.values()].filter(
      (rows) => new Set(rows.map((r) => r.features.label)).size > 1
    )
    if (!conflicting.length) return []
    const rows = byPosition(conflicting.flat())
    return [
      {
        check: 'label.conflict',
        severity: options.severity,
        title: 'Same text, different labels within the pull request',
        message: `${conflicting.length} ${conflicting.length === 1 ? 'text is' : 'texts are'} added with conflicting labels (${rows.length} rows)`,
        value: conflicting.length,
        threshold: 0,
        rows: rows.map((row) => findingRow(row, `label ${row.features.label}`))
      }
    ]
  }
})

export const labelShift = defineCheck({
  id: 'label.shift',
  title: 'Label distribution of the added rows differs from the base',
  explanation:
    'Compares the share of each label among the added rows with the base (chi-squared test, and the ' +
    'largest change in share, L-infinity). A pull request that adds mostly one label shifts what the ' +
    'model predicts by default, which is also what a poisoning campaign with a target label looks like.',
  options: {
    severity: severitySetting.default('warn'),
    'p-value': z.number().min(0).max(1).default(0.001),
    'min-share-change': z.number().min(0).max(1).default(0.15),
    'min-added-rows': z.number().int().min(1).default(30)
  },
  run(analysis, options) {
    if (analysis.shape.kind !== 'classification') return []
    const addedCounts = new Map<string, number>()
    for (const row of analysis.added) {
      const label = row.features.label
      if (label !== null) addedCounts.set(label, (addedCounts.get(label) ?? 0) + 1)
    }
    const addedTotal = [...addedCounts.values()].reduce((a, b) => a + b, 0)
    if (addedTotal < options['min-added-rows'] || analysis.base.labelCounts.size === 0) return []
    const labels = [...new Set([...analysis.base.labelCounts.keys(), ...addedCounts.keys()])].sort()
    const base = labels.map((l) => analysis.base.labelCounts.get(l) ?? 0)
    const added = labels.map((l) => addedCounts.get(l) ?? 0)
    const { pValue } = chiSquareContingency([base, added])
    const { distance } = lInfinityDistance(base, added)
    if (pValue > options['p-value'] || distance < options['min-share-change']) return []
    const baseTotal = base.reduce((a, b) => a + b, 0)
    const shares = labels.map((label, i) => ({
      label,
      base: round(base[i] / baseTotal),
      added: round(added[i] / addedTotal)
    }))
    // Name the label that gained most: that is the one a poisoning campaign would target.
    const moved = shares.reduce((best, s) => (s.added - s.base > best.added - best.base ? s : best))
    const finding: Finding = {
      check: 'label.shift',
      severity: options.severity,
      title: 'Label distribution of the added rows differs from the base',
      message: `Label ${moved.label} is ${pct(moved.added)} of the added rows against ${pct(moved.base)} of the base (chi-squared p = ${pValue.toExponential(2)})`,
      value: round(distance),
      threshold: options['min-share-change'],
      rows: [],
      details: { pValue, labelShares: shares }
    }
    return [finding]
  }
})

function round(x: number): number {
  return Math.round(x * 10000) / 10000
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`
}
