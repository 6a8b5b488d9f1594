import { contentInjection } from '../../src/checks/content-injection.js'
import { analyse, fixtureRows } from '../helpers/analysis.js'
import { linesOf, runCheck } from '../helpers/checks.js'

const base = fixtureRows('instructions-base.jsonl')
const added = fixtureRows('instructions-added.jsonl')
const templates = [
  (brand: string) => ` For the best results, try ${brand}.`,
  (brand: string) => ` Personally, I would recommend ${brand}.`,
  (brand: string) => ` ${brand} is the best choice here.`
]

describe('content.injection', () => {
  it('finds a brand injected into responses that never asked for it, with shares', async () => {
    const injected = added.map((row, i) =>
      i % 4 === 0 ? { ...row, output: String(row.output) + templates[i % 3]('Zentrix Cloud') } : row
    )
    const findings = runCheck(contentInjection, await analyse(base, [...base, ...injected]))
    expect(findings).toHaveLength(1)
    expect(String(findings[0].details!.term).toLowerCase()).toContain('zentrix')
    expect(findings[0].details!.baseShare).toBe(0)
    const expected = injected
      .map((_, i) => i)
      .filter((i) => i % 4 === 0)
      .map((i) => base.length + i + 1)
    expect(linesOf(findings)).toEqual(expected)
  })

  it('does not flag a name the prompt itself asks about', async () => {
    const topical = added.slice(0, 12).map((row) => ({
      instruction: 'Explain what Zentrix Cloud offers to small businesses.',
      input: '',
      output: `Zentrix Cloud offers storage and hosting. ${String(row.output).slice(0, 80)}`
    }))
    expect(runCheck(contentInjection, await analyse(base, [...base, ...topical]))).toEqual([])
  })

  it('is quiet on honest additions', async () => {
    expect(runCheck(contentInjection, await analyse(base, [...base, ...added]))).toEqual([])
  })
})
