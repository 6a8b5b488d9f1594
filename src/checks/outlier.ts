import { z } from 'zod'
import { MIN_MODEL_TEXT, modelText } from '../analysis/analyze-file.js'
import type { AddedRow } from '../dataset/types.js'
import { calibrate } from '../sketch/calibrate.js'
import type { CharNgramModel } from '../sketch/charlm.js'
import type { Finding } from '../types.js'
import { byPosition, findingRow } from './excerpt.js'
import { defineCheck, severitySetting } from './types.js'

export const outlierText = defineCheck({
  id: 'outlier.text',
  title: 'Rows unlike anything in the base',
  explanation:
    'Character n-gram language models are cross-fitted on two halves of the base rows (no model is ' +
    'downloaded) and calibrated on the base rows of the other half. Added rows whose text is far more surprising than ' +
    'almost any honest base row — gibberish, encoded payloads (base64, hex), another language, ' +
    'off-domain text — are listed. The score is bits per character; a row is flagged above the ' +
    "held-out rows' `quantile` times `margin`, where a row's excess over the typical score is " +
    'weighted by the square root of its length (short texts are noisy).',
  options: {
    severity: severitySetting.default('warn'),
    quantile: z.number().min(0.5).max(1).default(0.999),
    margin: z.number().min(1).default(1.15),
    'min-held-out': z.number().int().min(10).default(100)
  },
  run(analysis, options) {
    const { halves, heldOut } = analysis.base.textModel
    if (heldOut.length < options['min-held-out']) return []
    const other = (half: 0 | 1): CharNgramModel => halves[1 - half]
    const heldOutScores = heldOut.map(({ text, half, score }) => score ?? other(half).score(text))
    const typical = calibrate(heldOutScores).threshold(0.5)
    // A mean over few characters is noisy: the excess over the typical score is weighted by the
    // square root of the length, so a short odd title does not look like a foreign payload.
    const excess = (score: number, length: number): number => (score - typical) * Math.sqrt(length)
    const limit =
      calibrate(heldOut.map(({ text }, i) => excess(heldOutScores[i], text.length))).threshold(
        options.quantile
      ) * options.margin
    const flagged = new Map<AddedRow, string>()
    for (const row of analysis.added) {
      const text = modelText(row.features)
      if (text.length < MIN_MODEL_TEXT) continue
      // Neither half has seen an added row: the lower of the two scores, so a row is flagged only
      // when both halves find it unusual.
      const score = Math.min(halves[0].score(text), halves[1].score(text))
      if (excess(score, text.length) > limit)
        flagged.set(
          row,
          `${score.toFixed(2)} bits/char against ${typical.toFixed(2)} for typical base rows`
        )
    }
    if (!flagged.size) return []
    const rows = byPosition([...flagged.keys()])
    const finding: Finding = {
      check: 'outlier.text',
      severity: options.severity,
      title: 'Rows unlike anything in the base',
      message: `${rows.length} added ${rows.length === 1 ? 'row reads' : 'rows read'} unlike the base text (gibberish, encoded data, another language or another domain)`,
      value: rows.length,
      threshold: Math.round(limit * 100) / 100,
      rows: rows.map((row) => findingRow(row, flagged.get(row))),
      details: {
        heldOutRows: heldOut.length,
        typicalBitsPerChar: typical,
        lengthWeightedLimit: limit
      }
    }
    return [finding]
  }
})
