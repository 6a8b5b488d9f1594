import { duplicatesExact } from '../../src/checks/duplicates-exact.js'
import { duplicatesNear } from '../../src/checks/duplicates-near.js'
import { analyse, fixtureRows } from '../helpers/analysis.js'
import { linesOf, runCheck } from '../helpers/checks.js'

const base = fixtureRows('instructions-base.jsonl')
const added = fixtureRows('instructions-added.jsonl')

describe('duplicates.exact', () => {
  it('fails a row repeated many times and lists every copy', async () => {
    const flood = Array.from({ length: 12 }, () => added[0])
    const findings = runCheck(
      duplicatesExact,
      await analyse(base, [...base, ...added.slice(1), ...flood])
    )
    const failing = findings.filter((f) => f.severity === 'fail')
    expect(failing).toHaveLength(1)
    expect(failing[0].rows).toHaveLength(12)
    expect(failing[0].value).toBe(12)
  })

  it('only notes an odd duplicate of a base row', async () => {
    const findings = runCheck(duplicatesExact, await analyse(base, [...base, ...added, base[3]]))
    expect(findings.map((f) => f.severity)).toEqual(['notice'])
  })
})

describe('duplicates.near', () => {
  it('groups variants that differ by punctuation and spacing', async () => {
    const original = added[2]
    const variants = Array.from({ length: 8 }, (_, i) => ({
      ...original,
      output: `${String(original.output)}${' '.repeat(i % 3)}${['!', '.', ' :)', ''][i % 4]}`
    }))
    const head = [...base, ...added, ...variants]
    const findings = runCheck(duplicatesNear, await analyse(base, head))
    expect(findings).toHaveLength(1)
    expect(linesOf(findings)).toEqual(
      expect.arrayContaining(
        Array.from({ length: 8 }, (_, i) => base.length + added.length + i + 1)
      )
    )
  })

  it('is quiet on honest instruction rows', async () => {
    expect(runCheck(duplicatesNear, await analyse(base, [...base, ...added]))).toEqual([])
  })
})

describe('rows the base already repeats', () => {
  it('are not flooding when the PR adds them about as often as the base has them', async () => {
    const common = { instruction: 'Say sorry.', input: '', output: "Sorry, I'll call later." }
    const withCommon = [...base, ...Array.from({ length: 15 }, () => common)]
    const head = [...withCommon, ...added, ...Array.from({ length: 5 }, () => common)]
    const analysis = await analyse(withCommon, head)
    expect(runCheck(duplicatesExact, analysis).filter((f) => f.severity === 'fail')).toEqual([])
    expect(runCheck(duplicatesNear, analysis)).toEqual([])
  })
})
