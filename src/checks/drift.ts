import { z } from 'zod'
import type { Analysis } from '../analysis/types.js'
import type { ColumnProfile } from '../dataset/profile.js'
import { FrequencySketch } from '../sketch/frequencies.js'
import { QuantileSketch } from '../sketch/quantiles.js'
import {
  chiSquareContingency,
  jensenShannonDistance,
  ksTwoSample,
  lInfinityDistance,
  normalizedWasserstein,
  populationStabilityIndex
} from '../stats/index.js'
import type { Finding } from '../types.js'
import { defineCheck, severitySetting } from './types.js'

/**
 * Small references are tested for significance; large ones are judged by effect size, because with
 * a million rows every difference is "significant" (Evidently's defaults: 1,000 reference rows).
 */
const SMALL_REFERENCE = 1000

export const driftNumeric = defineCheck({
  id: 'drift.numeric',
  title: 'Numeric columns changed distribution',
  explanation:
    'Compares each numeric column (and the length of each text column) between the base and head ' +
    'versions. Below 1,000 base values a two-sample Kolmogorov–Smirnov test is used (p < `p-value`); ' +
    'above, the Wasserstein distance normalised by the base standard deviation (≥ `wasserstein`). The ' +
    'population stability index is reported too (rule of thumb: 0.1 moderate, 0.25 large shift).',
  options: {
    severity: severitySetting.default('warn'),
    'p-value': z.number().min(0).max(1).default(0.05),
    wasserstein: z.number().min(0).default(0.1),
    'min-rows': z.number().int().min(1).default(30)
  },
  run(analysis, options) {
    const findings: Finding[] = []
    for (const [name, base, head] of numericPairs(analysis)) {
      if (base.count < options['min-rows'] || head.count < options['min-rows']) continue
      const a = Array.from(base.values(4096))
      const b = Array.from(head.values(4096))
      const small = base.count < SMALL_REFERENCE
      const ks = small ? ksTwoSample(a, b) : null
      const distance = normalizedWasserstein(a, b)
      const drifted = small ? ks!.pValue < options['p-value'] : distance >= options.wasserstein
      if (!drifted) continue
      const psi = populationStabilityIndex(...binned(base, head))
      const median = (s: QuantileSketch): string => formatNumber(s.quantile(0.5))
      findings.push({
        check: 'drift.numeric',
        severity: options.severity,
        title: 'Numeric column changed distribution',
        message: `${name}: median ${median(base)} → ${median(head)}, ${small ? `KS p = ${ks!.pValue.toExponential(2)}` : `normalised Wasserstein ${distance.toFixed(3)}`}, PSI ${psi.toFixed(3)}`,
        value: small ? ks!.statistic : distance,
        threshold: small ? options['p-value'] : options.wasserstein,
        rows: [],
        details: {
          column: name,
          test: small ? 'ks' : 'wasserstein',
          ksPValue: ks?.pValue,
          wasserstein: distance,
          psi,
          baseMedian: base.quantile(0.5),
          headMedian: head.quantile(0.5)
        }
      })
    }
    return findings
  }
})

export const driftCategorical = defineCheck({
  id: 'drift.categorical',
  title: 'Categorical columns changed distribution',
  explanation:
    'Compares the value shares of each categorical column between base and head: chi-squared test ' +
    'below 1,000 base rows, Jensen–Shannon distance above. The value whose share moved most ' +
    '(L-infinity) is named. The label column is covered by `label.shift`.',
  options: {
    severity: severitySetting.default('warn'),
    'p-value': z.number().min(0).max(1).default(0.05),
    'jensen-shannon': z.number().min(0).max(1).default(0.1),
    'min-rows': z.number().int().min(1).default(30)
  },
  run(analysis, options) {
    const findings: Finding[] = []
    const categorical = analysis.shape.columns.filter((c) => c.role === 'categorical')
    for (const column of categorical) {
      const base = profileOf(analysis, 'base', column.name)
      const head = profileOf(analysis, 'head', column.name)
      if (!base?.categories || !head?.categories) continue
      const baseSketch = FrequencySketch.fromJSON(base.categories)
      const headSketch = FrequencySketch.fromJSON(head.categories)
      if (baseSketch.total < options['min-rows'] || headSketch.total < options['min-rows']) continue
      const values = [
        ...new Set([...baseSketch.top(50), ...headSketch.top(50)].map((e) => e.value))
      ]
      const baseCounts = values.map((v) => baseSketch.count(v))
      const headCounts = values.map((v) => headSketch.count(v))
      baseCounts.push(Math.max(0, baseSketch.total - sum(baseCounts)))
      headCounts.push(Math.max(0, headSketch.total - sum(headCounts)))
      const small = baseSketch.total < SMALL_REFERENCE
      const chi = small ? chiSquareContingency([baseCounts, headCounts]) : null
      const js = jensenShannonDistance(baseCounts, headCounts)
      const drifted = small ? chi!.pValue < options['p-value'] : js >= options['jensen-shannon']
      if (!drifted) continue
      const { index } = lInfinityDistance(baseCounts, headCounts)
      const moved = index < values.length ? values[index] : '(other values)'
      const share = (counts: number[], total: number): string =>
        `${((counts[index] / total) * 100).toFixed(1)}%`
      findings.push({
        check: 'drift.categorical',
        severity: options.severity,
        title: 'Categorical column changed distribution',
        message: `${column.name}: “${moved}” moved most, ${share(baseCounts, baseSketch.total)} → ${share(headCounts, headSketch.total)} (${small ? `chi-squared p = ${chi!.pValue.toExponential(2)}` : `Jensen–Shannon ${js.toFixed(3)}`})`,
        value: small ? chi!.statistic : js,
        threshold: small ? options['p-value'] : options['jensen-shannon'],
        rows: [],
        details: {
          column: column.name,
          value: moved,
          chiSquarePValue: chi?.pValue,
          jensenShannon: js
        }
      })
    }
    return findings
  }
})

function profileOf(
  analysis: Analysis,
  side: 'base' | 'head',
  name: string
): ColumnProfile | undefined {
  return analysis.profiles[side].columns.find((c) => c.name === name)
}

/** Numeric columns, and the length of each text column ("length(text)"). */
function* numericPairs(analysis: Analysis): Generator<[string, QuantileSketch, QuantileSketch]> {
  for (const column of analysis.shape.columns) {
    const base = profileOf(analysis, 'base', column.name)
    const head = profileOf(analysis, 'head', column.name)
    if (!base || !head) continue
    if (column.role === 'numeric' && base.numeric && head.numeric)
      yield [
        column.name,
        QuantileSketch.fromJSON(base.numeric),
        QuantileSketch.fromJSON(head.numeric)
      ]
    if (column.role === 'text' && base.textLength && head.textLength)
      yield [
        `length(${column.name})`,
        QuantileSketch.fromJSON(base.textLength),
        QuantileSketch.fromJSON(head.textLength)
      ]
  }
}

/** Counts of base and head in ten bins cut at the base deciles, for PSI. */
function binned(base: QuantileSketch, head: QuantileSketch): [number[], number[]] {
  const cuts = [...new Set(Array.from({ length: 9 }, (_, i) => base.quantile((i + 1) / 10)))]
  const count = (sketch: QuantileSketch): number[] => {
    const { values, weights } = sketch.weightedValues()
    const bins = new Array(cuts.length + 1).fill(0)
    values.forEach((v, i) => {
      let bin = 0
      while (bin < cuts.length && v > cuts[bin]) bin++
      bins[bin] += weights[i]
    })
    return bins
  }
  return [count(base), count(head)]
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0)
}

function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(4)
}
