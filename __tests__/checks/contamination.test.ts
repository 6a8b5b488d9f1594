import { buildRepositoryContext } from '../../src/analysis/reference-rows.js'
import { contaminationEval, isolationUnverified } from '../../src/checks/contamination.js'
import { defaultPolicy } from '../../src/policy/schema.js'
import { parsePolicy } from '../../src/policy/load.js'
import { analyse, fixtureRows } from '../helpers/analysis.js'
import { linesOf, runCheck } from '../helpers/checks.js'
import { jsonl, TestRepo } from '../helpers/git-repo.js'

const base = fixtureRows('sst2-base.jsonl')
const honest = fixtureRows('sst2-honest-added.jsonl')

describe('contamination.eval and isolation.unverified', () => {
  let repo: TestRepo
  beforeEach(() => (repo = new TestRepo()))
  afterEach(() => repo.cleanup())

  it('flags training rows copied, exactly or nearly, from an evaluation file', async () => {
    const evalRows = honest.slice(0, 20)
    const head = repo.write('data/test.jsonl', jsonl(evalRows)).commit('eval')
    const repository = await buildRepositoryContext(repo.dir, head, defaultPolicy())
    const copied = { ...evalRows[3] }
    const nearly = { ...evalRows[7], sentence: `${String(evalRows[7].sentence)} !` }
    const findings = runCheck(
      contaminationEval,
      await analyse(base, [...base, ...honest.slice(30), copied, nearly]),
      {},
      repository
    )
    const first = base.length + honest.length - 30 + 1
    expect(linesOf(findings)).toEqual([first, first + 1])
    expect(findings[0].rows[0].reason).toContain('data/test.jsonl:4')
  })

  it('flags rows taken from files the policy marks unverified', async () => {
    const raw = honest.slice(40, 50)
    const head = repo.write('raw/chats.jsonl', jsonl(raw)).commit('raw')
    const policy = parsePolicy('unverified-files: ["raw/**"]\n', 'p.yml')
    const repository = await buildRepositoryContext(repo.dir, head, policy)
    const findings = runCheck(
      isolationUnverified,
      await analyse(base, [...base, raw[2]]),
      {},
      repository
    )
    expect(linesOf(findings)).toEqual([base.length + 1])
  })
})
