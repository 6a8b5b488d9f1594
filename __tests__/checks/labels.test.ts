import { labelConflict, labelFlip, labelShift } from '../../src/checks/labels.js'
import { analyse, fixtureRows } from '../helpers/analysis.js'
import { linesOf, runCheck } from '../helpers/checks.js'

const base = fixtureRows('sst2-base.jsonl')
const honest = fixtureRows('sst2-honest-added.jsonl')

describe('label.flip', () => {
  it('flags rows edited in place to the other label, at their head lines', async () => {
    const head = base.map((row, i) =>
      i === 10 || i === 250 ? { ...row, label: 1 - Number(row.label) } : row
    )
    const findings = runCheck(labelFlip, await analyse(base, head))
    expect(findings).toHaveLength(1)
    expect(linesOf(findings)).toEqual([11, 251])
    expect(findings[0].rows[0].reason).toMatch(/label \d → \d/)
  })

  it('flags an appended copy of a base text with the opposite label', async () => {
    const copy = { sentence: base[5].sentence, label: 1 - Number(base[5].label) }
    const findings = runCheck(labelFlip, await analyse(base, [...base, ...honest, copy]))
    expect(linesOf(findings)).toEqual([base.length + honest.length + 1])
  })

  it('does not flag text edits that keep the label', async () => {
    const head = base.map((row, i) =>
      i % 50 === 0 ? { ...row, sentence: `${row.sentence} .` } : row
    )
    expect(runCheck(labelFlip, await analyse(base, [...head, ...honest]))).toEqual([])
  })
})

describe('label.conflict', () => {
  it('flags the same new text added with two labels', async () => {
    const text = 'an entirely new sentence about a film nobody has reviewed before'
    const findings = runCheck(
      labelConflict,
      await analyse(base, [...base, { sentence: text, label: 0 }, { sentence: text, label: 1 }])
    )
    expect(findings[0].rows).toHaveLength(2)
  })
})

describe('label.shift', () => {
  it('warns when the added rows are almost all one label', async () => {
    const positives = [...honest, ...fixtureRows('sst2-negative-pool.jsonl')].map((row) => ({
      ...row,
      label: 1
    }))
    const findings = runCheck(labelShift, await analyse(base, [...base, ...positives]))
    expect(findings).toHaveLength(1)
    expect(findings[0].severity).toBe('warn')
    expect(findings[0].message).toContain('Label 1')
  })

  it('is quiet for an append with the base mix', async () => {
    expect(runCheck(labelShift, await analyse(base, [...base, ...honest]))).toEqual([])
  })
})
