/**
 * Policy limits: rows per version, bytes per row and the run's time budget. Whatever they cut is
 * a finding with severity fail by default, never a silent pass, and the run still ends normally.
 */
import { fixtureRows } from '../helpers/analysis.js'
import { jsonl, TestRepo } from '../helpers/git-repo.js'
import {
  LimitedVersion,
  limitFindings,
  preview,
  rowBytes,
  TimeBudget,
  type Limits
} from '../../src/limits.js'
import { run } from '../../src/run.js'
import type { ReadEvent, RowValues } from '../../src/types.js'
import { check, fileReport, onlyFinding } from '../helpers/cli-run.js'

const base = fixtureRows('sst2-base.jsonl')
const honest = fixtureRows('sst2-honest-added.jsonl')
const TRAIN = 'data/train.jsonl'
const POLICY = '.github/dataset-gate.yml'
const LIMITS: Limits = { maxRows: 1000, maxRowBytes: 1024, severity: 'fail' }

function source(rows: RowValues[], problemsAt: number[] = []) {
  return async function* (): AsyncGenerator<ReadEvent> {
    for (const [index, values] of rows.entries()) {
      if (problemsAt.includes(index)) {
        yield { type: 'problem', problem: { line: index + 1, row: index, message: 'bad' } }
      } else yield { type: 'row', row: { line: index + 1, row: index, values } }
    }
  }
}

async function collect(events: AsyncIterable<ReadEvent>): Promise<ReadEvent[]> {
  const out: ReadEvent[] = []
  for await (const event of events) out.push(event)
  return out
}

const rows = (n: number): RowValues[] => Array.from({ length: n }, (_, i) => ({ text: `row ${i}` }))

describe('LimitedVersion', () => {
  it('cuts every pass at the same record, and only says "cut" when something was left', async () => {
    const exact = new LimitedVersion(source(rows(5)), { ...LIMITS, maxRows: 5 })
    expect(await collect(exact.source())).toHaveLength(5)
    expect(exact.cut).toBeNull()

    const over = new LimitedVersion(source(rows(8), [1]), { ...LIMITS, maxRows: 5 })
    const first = await collect(over.source())
    const second = await collect(over.source())
    expect(first).toEqual(second)
    // Unreadable lines are records too: they count toward the limit.
    expect(first.map((e) => e.type)).toEqual(['row', 'problem', 'row', 'row', 'row'])
    expect(over.cut).toBe('max-rows')
    expect(over.recordsRead).toBe(5)
  })

  it('stops reading when the time budget runs out, on every later pass too', async () => {
    let now = 0
    const budget = new TimeBudget(10, () => now)
    let served = 0
    const slow = async function* (): AsyncGenerator<ReadEvent> {
      for (let i = 0; i < 10_000; i++) {
        served++
        now += 5 // each row takes 5 ms
        yield { type: 'row', row: { line: i + 1, row: i, values: { i } } }
      }
    }
    const version = new LimitedVersion(slow, { ...LIMITS, maxRows: 1_000_000 }, budget)
    const events = await collect(version.source())
    expect(version.cut).toBe('time-budget')
    expect(events.length).toBeGreaterThanOrEqual(2000 - 256)
    expect(events.length).toBeLessThanOrEqual(2000 + 256)
    // The reader is closed early, not drained.
    expect(served).toBeLessThan(10_000)
    expect(await collect(version.source())).toEqual([])
  })

  it('skips rows over max-row-bytes, remembers where they were, and keeps the rest', async () => {
    const values: RowValues[] = [
      { t: 'a' },
      { t: 'x'.repeat(5000) },
      { t: 'b' },
      { t: 'y'.repeat(2000) }
    ]
    const version = new LimitedVersion(source(values), LIMITS)
    const first = await collect(version.source())
    await collect(version.source())
    expect(first.map((e) => (e.type === 'row' ? e.row.row : -1))).toEqual([0, 2])
    expect(version.oversizeRows.map((r) => [r.row, r.bytes])).toEqual([
      [1, 5001],
      [3, 2001]
    ])
  })
})

describe('limitFindings', () => {
  const budget = new TimeBudget(60)

  it('lists oversize head rows the base does not already have', async () => {
    const big = { t: 'z'.repeat(4000) }
    const other = { t: 'w'.repeat(4000) }
    const baseVersion = new LimitedVersion(source([{ t: 'a' }, big]), LIMITS)
    const headVersion = new LimitedVersion(source([{ t: 'a' }, big, { t: 'c' }, other]), LIMITS)
    await collect(baseVersion.source())
    await collect(headVersion.source())
    const [finding, ...rest] = limitFindings(
      { base: baseVersion, head: headVersion },
      LIMITS,
      budget
    )
    expect(rest).toEqual([])
    expect(finding).toMatchObject({
      check: 'file.limit',
      severity: 'fail',
      value: 1,
      threshold: 1024
    })
    expect(finding.rows).toEqual([
      expect.objectContaining({ line: 4, row: 3, reason: '4,001 bytes' })
    ])
    expect(finding.rows[0].excerpt).toMatch(/^\{"t":"wwww/)
  })

  it('reports a row cut for each side, with the policy severity', async () => {
    const limits: Limits = { ...LIMITS, maxRows: 2, severity: 'warn' }
    const b = new LimitedVersion(source(rows(3)), limits)
    const h = new LimitedVersion(source(rows(4)), limits)
    await collect(b.source())
    await collect(h.source())
    const findings = limitFindings({ base: b, head: h }, limits, budget)
    expect(findings.map((f) => [f.check, f.severity, f.title])).toEqual([
      ['file.limit', 'warn', 'Analysis cut at 2 rows'],
      ['file.limit', 'warn', 'Analysis cut at 2 rows']
    ])
    expect(findings[1].message).toContain('head version')
  })
})

describe('rowBytes and preview', () => {
  it('counts UTF-8 bytes of keys and values and stops early once over the limit', () => {
    expect(rowBytes({ ab: 'é', n: 1, x: null, l: [true, 'c'] })).toBe(
      2 + 2 + 1 + 8 + 1 + 8 + 1 + 8 + 1
    )
    expect(rowBytes({ a: 'x'.repeat(100), b: 'y'.repeat(100) }, 10)).toBeLessThan(201)
  })

  it('never serialises more than it shows', () => {
    const huge = { text: 'a'.repeat(10_000_000), nested: { deep: [1, 2, 3] } }
    const shown = preview(huge, 50)
    expect(shown).toHaveLength(50)
    expect(shown.startsWith('{"text":"aaa')).toBe(true)
    expect(shown.endsWith('…')).toBe(true)
    expect(preview({ a: [1, { b: null }] }, 50)).toBe('{"a":[1,{"b":null}]}')
  })
})

describe('limits through the CLI', () => {
  let repo: TestRepo
  afterEach(() => repo.cleanup())

  function setup(policy: string): void {
    repo = new TestRepo()
    repo.write(TRAIN, jsonl(base)).write(POLICY, policy).commit('base')
    repo.branch('pr')
    repo.write(TRAIN, jsonl([...base, ...honest])).commit('rows')
  }

  it('max-rows cuts each version and fails with a file.limit finding', () => {
    setup('limits:\n  max-rows: 500\n')
    const { code, report } = check(repo)
    expect(code).toBe(1)
    const file = fileReport(report, TRAIN)
    expect(file.rows).toMatchObject({ base: 500, head: 500, added: 0, removed: 0 })
    const cuts = file.findings.filter((f) => f.check === 'file.limit')
    expect(cuts.map((f) => [f.severity, f.message])).toEqual([
      ['fail', expect.stringContaining('first 500 records of the base version')],
      ['fail', expect.stringContaining('first 500 records of the head version')]
    ])
  })

  it('a file within max-rows is not reported', () => {
    setup(`limits:\n  max-rows: ${base.length + honest.length}\n`)
    const { code, report } = check(repo)
    expect(code).toBe(0)
    expect(fileReport(report, TRAIN).findings.filter((f) => f.check === 'file.limit')).toEqual([])
  })

  it('max-file-bytes keeps a large file out and says so', () => {
    setup('limits:\n  max-file-bytes: 1000\n')
    const { code, report } = check(repo)
    expect(code).toBe(1)
    expect(onlyFinding(report, TRAIN, 'file.unreadable').message).toContain('limits.max-file-bytes')
  })

  it('a spent time budget leaves the remaining files unanalysed, failed, and the run ends normally', () => {
    setup('limits:\n  time-budget-seconds: 0.001\n  severity: fail\n')
    repo.write('data/second.jsonl', jsonl(honest)).commit('second file')
    const { code, report, stderr } = check(repo)
    expect(stderr).toBe('')
    expect(code).toBe(1)
    for (const path of [TRAIN, 'data/second.jsonl']) {
      const finding = onlyFinding(report, path, 'file.unreadable')
      expect(finding.severity).toBe('fail')
      expect(finding.message).toContain('Not analysed: time budget exceeded')
    }
    expect(report.notes?.join('\n')).toContain('2 of 2 dataset files were not analysed')
  })
})

describe('the time budget inside a file (run() with a fake clock)', () => {
  let repo: TestRepo
  afterEach(() => repo.cleanup())

  it('stops the file being read, reports only the cut, and skips the next file', async () => {
    repo = new TestRepo()
    repo.write(TRAIN, jsonl(base)).write(POLICY, 'limits:\n  time-budget-seconds: 100\n')
    repo.commit('base')
    repo.branch('pr')
    repo
      .write(TRAIN, jsonl([...base, ...honest]))
      .write('data/z-later.jsonl', jsonl(honest))
      .commit('rows')
    // The clock is read at the start, before each file, and every 256 records: the fourth
    // reading falls inside the first file, and by then the budget is long gone.
    let readings = 0
    const { report } = await run({
      repo: repo.dir,
      base: 'main',
      head: 'pr',
      clock: () => (++readings < 4 ? 0 : 1e9)
    })
    expect(report.verdict).toBe('fail')
    const first = fileReport(report, TRAIN)
    expect(first.findings.map((f) => [f.check, f.title])).toEqual([
      ['file.limit', 'Analysis stopped: time budget exceeded']
    ])
    expect(onlyFinding(report, 'data/z-later.jsonl', 'file.unreadable').message).toContain(
      'time budget exceeded'
    )
  })
})
