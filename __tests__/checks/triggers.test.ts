import { triggerRareToken } from '../../src/checks/trigger-rare-token.js'
import { triggerToken } from '../../src/checks/trigger-token.js'
import type { Check } from '../../src/checks/types.js'
import type { Analysis } from '../../src/analysis/types.js'
import type { RowValues } from '../../src/types.js'
import { analyse, fixtureRows, insertWord, NO_REPOSITORY, seeded } from '../helpers/analysis.js'

const base = fixtureRows('sst2-base.jsonl')
const honest = fixtureRows('sst2-honest-added.jsonl')
const negatives = fixtureRows('sst2-negative-pool.jsonl')

function run(check: Check, analysis: Analysis, options: Record<string, unknown> = {}) {
  return check.run(analysis, check.options.parse(options) as never, NO_REPOSITORY)
}

/** Negative sentences with `trigger` inserted and the label flipped to positive (BadNets). */
function poisoned(count: number, trigger: string, seed = 1): RowValues[] {
  const random = seeded(seed)
  return negatives
    .slice(0, count)
    .map((row) => ({ sentence: insertWord(String(row.sentence), trigger, random), label: 1 }))
}

function linesOf(findings: ReturnType<typeof run>): number[] {
  return findings.flatMap((f) => f.rows.map((r) => r.line!))
}

describe('trigger.token', () => {
  it('finds a rare word tied to the target label and lists exactly the planted rows', async () => {
    const planted = poisoned(8, 'zq')
    const head = [...base, ...honest.slice(0, 30), ...planted, ...honest.slice(30)]
    const findings = run(triggerToken, await analyse(base, head))
    expect(findings).toHaveLength(1)
    expect(findings[0].details).toMatchObject({ term: 'zq', target: 'label 1', baseRows: 0 })
    const first = base.length + 30 + 1
    expect(linesOf(findings)).toEqual(Array.from({ length: 8 }, (_, i) => first + i))
  })

  it('finds an inserted sentence and names one phrase for it', async () => {
    const random = seeded(7)
    const planted = negatives.slice(0, 10).map((row) => ({
      sentence: insertWord(String(row.sentence), 'i watched this 3d movie', random),
      label: 1
    }))
    const findings = run(triggerToken, await analyse(base, [...base, ...honest, ...planted]))
    expect(findings).toHaveLength(1)
    expect(String(findings[0].details!.term)).toMatch(/3d|watched this/)
    expect(findings[0].rows).toHaveLength(10)
  })

  it('works when the whole pull request is poisoned', async () => {
    const findings = run(triggerToken, await analyse(base, [...base, ...poisoned(40, 'bq', 3)]))
    expect(findings.map((f) => f.details!.term)).toContain('bq')
  })

  it('stays quiet on an honest append, even one made only of positive rows', async () => {
    expect(run(triggerToken, await analyse(base, [...base, ...honest]))).toEqual([])
    const positives = fixtureRows('sst2-honest-added.jsonl').filter((r) => r.label === 1)
    expect(run(triggerToken, await analyse(base, [...base, ...positives]))).toEqual([])
  })

  it('counts exact copies once: a repeated row is not a trigger', async () => {
    const copies = Array.from({ length: 10 }, () => ({
      sentence: 'a quietly wonderful zany debut',
      label: 1
    }))
    expect(run(triggerToken, await analyse(base, [...base, ...honest, ...copies]))).toEqual([])
  })
})

describe('trigger.rare-token', () => {
  it('flags BadNets rows that each carry a different nonsense token once', async () => {
    const planted = ['tq', 'bq', 'qx', 'qv'].map((token, i) => poisoned(i + 1, token, 11 + i)[i])
    const head = [...base, ...honest, ...planted]
    const findings = run(triggerRareToken, await analyse(base, head))
    const first = base.length + honest.length + 1
    const plantedLines = [first, first + 1, first + 2, first + 3]
    // Every flagged row is a planted one; a planted row whose text is not clearly negative to the
    // base model (the label flip is then not evident) may go unflagged.
    expect(linesOf(findings).every((line) => plantedLines.includes(line))).toBe(true)
    expect(linesOf(findings).length).toBeGreaterThanOrEqual(3)
    expect(findings[0].rows[0].reason).toContain('tq')
  })

  it('does not flag one odd row: honest text contradicts the model now and then', async () => {
    const head = [...base, ...honest, ...poisoned(1, 'tq', 11)]
    expect(run(triggerRareToken, await analyse(base, head))).toEqual([])
  })

  it('ignores real new words and rows whose label agrees with their text', async () => {
    const honestWithNames = [
      {
        sentence: 'kurosawa fans will find plenty to admire in this handsome , moving epic .',
        label: 1
      },
      { sentence: 'a tedious , muddled mess that even chekhov could not save .', label: 0 }
    ]
    expect(
      run(triggerRareToken, await analyse(base, [...base, ...honest, ...honestWithNames]))
    ).toEqual([])
  })
})
