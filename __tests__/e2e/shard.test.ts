/**
 * Scale-out through the bundled CLI on a real git repository: `check --shard i/n --partial FILE`
 * for every shard, then `merge`, gives byte for byte the JSON report, comment, SARIF, terminal
 * report and exit code of one `check`. The pull request changes six dataset files (one poisoned,
 * one with a malformed row, a rename, a deletion, an addition), the policy and the provenance
 * manifest, so the parts a run computes across files (policy note, provenance findings and notes)
 * are exercised too. Partial states that do not belong together are refused with exit 2.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fixtureRows, insertWord, seeded } from '../helpers/analysis.js'
import { jsonl, TestRepo } from '../helpers/git-repo.js'
import { CLI, cli, type CliResult } from '../helpers/cli-run.js'
import type { RowValues } from '../../src/types.js'

const base = fixtureRows('sst2-base.jsonl')
const honest = fixtureRows('sst2-honest-added.jsonl')
const negatives = fixtureRows('sst2-negative-pool.jsonl')
const TIMEOUT = { timeoutMs: 60_000 }

const sha256 = (content: string) => createHash('sha256').update(content).digest('hex')

function csv(rows: RowValues[]): string {
  const quote = (value: unknown) => `"${String(value).replace(/"/g, '""')}"`
  return ['text,label', ...rows.map((r) => `${quote(r.sentence)},${r.label}`)].join('\n') + '\n'
}

function manifest(entries: Array<{ path: string; sha256: string }>): string {
  const lines = ['datasets:']
  for (const entry of entries) {
    lines.push(`  - path: ${JSON.stringify(entry.path)}`)
    lines.push('    source: "https://example.org/sst2"')
    lines.push('    license: "CC-BY-4.0"')
    lines.push(`    sha256: ${entry.sha256}`)
  }
  return lines.join('\n') + '\n'
}

function poisoned(): RowValues[] {
  const random = seeded(5)
  const planted = negatives
    .slice(0, 8)
    .map((row) => ({ sentence: insertWord(String(row.sentence), 'zq', random), label: 1 }))
  return [...base, ...honest, ...planted]
}

/** main: four dataset files, a policy and a manifest; pr changes all of them. */
function buildRepo(): TestRepo {
  const repo = new TestRepo()
  const train = jsonl(base)
  repo
    .write('.github/dataset-gate.yml', 'checks:\n  volume.rows: warn\n')
    .write('data/train.jsonl', train)
    .write('data/extra.csv', csv(base.slice(0, 300)))
    .write('data/old.jsonl', jsonl(base.slice(0, 10)))
    .write('data/keep.jsonl', jsonl(base.slice(300, 400)))
    .write(
      'datasets.yml',
      manifest([
        { path: 'data/train.jsonl', sha256: sha256(train) },
        { path: 'data/old.jsonl', sha256: 'f'.repeat(64) }
      ])
    )
    .commit('base')
  repo.branch('pr')
  const added = jsonl(honest.slice(10, 60))
  const broken = jsonl(honest.slice(60, 80)).split('\n')
  broken.splice(5, 0, '{"sentence": "broken row", "label": ')
  repo.git('mv', 'data/keep.jsonl', 'data/moved.jsonl')
  repo
    .write('.github/dataset-gate.yml', 'warn-only: true\nchecks:\n  volume.rows: warn\n')
    .write('data/train.jsonl', jsonl(poisoned()))
    .write('data/extra.csv', csv([...base.slice(0, 300), ...honest.slice(0, 5)]))
    .write('data/moved.jsonl', jsonl([...base.slice(300, 400), ...honest.slice(5, 8)]))
    .write('data/new.jsonl', added)
    .write('data/broken.jsonl', broken.join('\n'))
    .write(
      'datasets.yml',
      manifest([
        { path: 'data/train.jsonl', sha256: sha256(train) },
        { path: 'data/old.jsonl', sha256: 'f'.repeat(64) },
        { path: 'data/new.jsonl', sha256: sha256(added) },
        { path: 'data/phantom.jsonl', sha256: 'e'.repeat(64) }
      ])
    )
    .remove('data/old.jsonl')
    .commit('pr')
  return repo
}

const REFS = ['--base', 'main', '--head', 'pr']

interface Outputs {
  result: CliResult
  json: string
  markdown: string
  sarif: string
}

function outputs(dir: string, name: string, result: CliResult): Outputs {
  const read = (ext: string) => readFileSync(join(dir, `${name}.${ext}`), 'utf8')
  return { result, json: read('json'), markdown: read('md'), sarif: read('sarif') }
}

function reportFlags(dir: string, name: string): string[] {
  return [
    '--json',
    join(dir, `${name}.json`),
    '--markdown',
    join(dir, `${name}.md`),
    '--sarif',
    join(dir, `${name}.sarif`)
  ]
}

describe('check --shard and merge (bundled CLI on a real git repository)', () => {
  let repo: TestRepo
  let single: Outputs
  const partials = new Map<number, string[]>()

  /** Runs every shard of `count` once; the partial state files, in shard order. */
  function shards(count: number): string[] {
    const known = partials.get(count)
    if (known) return known
    const files: string[] = []
    for (let index = 1; index <= count; index++) {
      const file = join(repo.dir, '.git', `partial-${index}-of-${count}.json`)
      const run = cli(
        ['check', '--repo', repo.dir, ...REFS, '--shard', `${index}/${count}`, '--partial', file],
        TIMEOUT
      )
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' })
      expect(run.stdout).toContain(`Dataset Gate shard ${index}/${count}:`)
      files.push(file)
    }
    partials.set(count, files)
    return files
  }

  beforeAll(() => {
    expect(existsSync(CLI)).toBe(true)
    repo = buildRepo()
    single = outputs(
      join(repo.dir, '.git'),
      'single',
      cli(
        ['check', '--repo', repo.dir, ...REFS, ...reportFlags(join(repo.dir, '.git'), 'single')],
        TIMEOUT
      )
    )
  })
  afterAll(() => repo?.cleanup())

  it('the single run is the one to match: a failing report with cross-file parts', () => {
    // warn-only comes from the base policy, not the pull request's: the poisoned file fails.
    expect(single.result.code).toBe(1)
    const report = JSON.parse(single.json)
    expect(report.verdict).toBe('fail')
    expect(report.files.map((f: { path: string }) => f.path).sort()).toEqual([
      'data/broken.jsonl',
      'data/extra.csv',
      'data/moved.jsonl',
      'data/new.jsonl',
      'data/old.jsonl',
      'data/train.jsonl'
    ])
    const checks = (path: string) =>
      report.files
        .find((f: { path: string }) => f.path === path)
        .findings.map((f: { check: string }) => f.check)
    expect(checks('data/train.jsonl')).toEqual(
      expect.arrayContaining(['trigger.token', 'provenance.checksum'])
    )
    expect(checks('data/old.jsonl')).toContain('provenance.stale')
    expect(checks('data/broken.jsonl')).toContain('parse.error')
    expect(report.notes.join('\n')).toMatch(/changes the policy file \.github\/dataset-gate\.yml/)
    expect(report.notes.join('\n')).toMatch(/data\/phantom\.jsonl/)
  })

  it.each([3, 1, 7])(
    '%i shard(s) merged give the same JSON, comment, SARIF, terminal report and exit code',
    (count) => {
      const files = shards(count)
      const states = files.map((file) => JSON.parse(readFileSync(file, 'utf8')))
      // Every file is analysed by exactly one shard, and each shard holds what the plan gives it.
      const plan: Array<{ path: string; shard: number }> = states[0].plan
      expect(plan).toHaveLength(6)
      for (const state of states) {
        expect(state.plan).toEqual(plan)
        expect(state.files.map((f: { path: string }) => f.path)).toEqual(
          plan.filter((p) => p.shard === state.shard.index).map((p) => p.path)
        )
      }
      if (count === 3) expect(new Set(plan.map((p) => p.shard))).toEqual(new Set([1, 2, 3]))
      const dir = join(repo.dir, '.git')
      // In another order than the shards', from another directory: neither matters.
      const merged = outputs(
        dir,
        `merged-${count}`,
        cli(['merge', ...[...files].reverse(), ...reportFlags(dir, `merged-${count}`)], {
          ...TIMEOUT,
          cwd: dir
        })
      )
      expect(merged.result.code).toBe(single.result.code)
      expect(merged.result.stderr).toBe('')
      expect(merged.json).toBe(single.json)
      expect(merged.markdown).toBe(single.markdown)
      expect(merged.sarif).toBe(single.sarif)
      expect(merged.result.stdout).toBe(single.result.stdout)
    }
  )

  it('merge flags override the policy’s verdict settings as check’s do', () => {
    const files = shards(3)
    const dir = join(repo.dir, '.git')
    const checked = cli(
      [
        'check',
        '--repo',
        repo.dir,
        ...REFS,
        '--warn-only',
        '--json',
        join(dir, 'w1.json'),
        '--quiet'
      ],
      TIMEOUT
    )
    const merged = cli([
      'merge',
      ...files,
      '--warn-only',
      '--json',
      join(dir, 'w2.json'),
      '--quiet'
    ])
    expect(checked.code).toBe(0)
    expect(merged.code).toBe(0)
    expect(readFileSync(join(dir, 'w2.json'), 'utf8')).toBe(
      readFileSync(join(dir, 'w1.json'), 'utf8')
    )
  })

  describe('partial states that do not make one run: exit 2 and a message naming the file', () => {
    const merge = (...args: string[]) => cli(['merge', ...args, '--quiet'])
    const expectRefused = (result: CliResult, message: RegExp) => {
      expect(result.code).toBe(2)
      expect(result.stderr).toMatch(/^dataset-gate: error: /)
      expect(result.stderr).toMatch(message)
      expect(result.stderr).not.toMatch(/\n\s{4}at /)
      expect(result.stdout).toBe('')
    }

    it('a missing shard', () => {
      const [first, , third] = shards(3)
      expectRefused(merge(first, third), /shard 2 of 3 is missing \(given: 1, 3\)/)
    })

    it('a shard given twice', () => {
      const [first, second, third] = shards(3)
      const copy = join(repo.dir, '.git', 'copy-of-2.json')
      writeFileSync(copy, readFileSync(second))
      expectRefused(
        merge(first, second, third, copy),
        new RegExp(`shard 2/3 is given twice: ${second}.* and .*copy-of-2\\.json`)
      )
    })

    it('shards of different shard counts', () => {
      const [first, second] = shards(3)
      const [ofOne] = shards(1)
      expectRefused(merge(first, second, ofOne), /the shard counts differ \(1\/1 vs 1\/3\)/)
    })

    it('a shard judged by another policy', () => {
      const [first, , third] = shards(3)
      const other = join(repo.dir, '.git', 'other.yml')
      writeFileSync(other, 'checks:\n  trigger.token: warn\n')
      const partial = join(repo.dir, '.git', 'other-policy-2.json')
      const run = cli(
        [
          'check',
          '--repo',
          repo.dir,
          ...REFS,
          '--config',
          other,
          '--shard',
          '2/3',
          '--partial',
          partial,
          '--quiet'
        ],
        TIMEOUT
      )
      expect(run.code).toBe(0)
      expectRefused(
        merge(first, partial, third),
        /other-policy-2\.json and .*partial-1-of-3\.json are not shards of the same run: the policies differ/
      )
    })

    it('a shard of other commits', () => {
      const [first, , third] = shards(3)
      const partial = join(repo.dir, '.git', 'other-head-2.json')
      const run = cli(
        [
          'check',
          '--repo',
          repo.dir,
          '--base',
          'main',
          '--head',
          'pr~1',
          '--shard',
          '2/3',
          '--partial',
          partial,
          '--quiet'
        ],
        TIMEOUT
      )
      expect(run.code).toBe(0)
      expectRefused(merge(first, partial, third), /not shards of the same run: the commits differ/)
    })

    it('a corrupted or foreign file', () => {
      const [first, second, third] = shards(3)
      const truncated = join(repo.dir, '.git', 'truncated-2.json')
      const text = readFileSync(second, 'utf8')
      writeFileSync(truncated, text.slice(0, Math.floor(text.length / 2)))
      expectRefused(
        merge(first, truncated, third),
        /truncated-2\.json is not a Dataset Gate partial state: it is not JSON/
      )
      const edited = join(repo.dir, '.git', 'edited-2.json')
      const state = JSON.parse(text)
      state.files = state.files.slice(1)
      writeFileSync(edited, JSON.stringify(state))
      expectRefused(
        merge(first, edited, third),
        /edited-2\.json does not hold the files its plan gives shard 2\/3/
      )
      expectRefused(
        merge(first, join(repo.dir, '.git', 'single.json'), third),
        /single\.json is not a Dataset Gate partial state: .* at kind/
      )
      expectRefused(
        merge(first, join(repo.dir, '.git', 'nowhere.json'), third),
        /cannot read the partial state .*nowhere\.json: ENOENT/
      )
    })
  })

  it('refuses shard flags that make no sense, with exit 2', () => {
    const partial = join(repo.dir, '.git', 'never.json')
    const refused = (args: string[], message: RegExp) => {
      const result = cli(['check', '--repo', repo.dir, ...REFS, ...args])
      expect(result.code).toBe(2)
      expect(result.stderr).toMatch(message)
    }
    refused(['--shard', '1/3'], /--shard and --partial go together/)
    refused(['--partial', partial], /--shard and --partial go together/)
    refused(['--shard', '4/3', '--partial', partial], /shard number must be 1 to 3/)
    refused(['--shard', 'two', '--partial', partial], /--shard must be i\/n/)
    refused(
      ['--shard', '1/3', '--partial', partial, '--json', 'x.json'],
      /--json does not go with --shard/
    )
    refused(
      ['--shard', '1/3', '--partial', partial, '--warn-only'],
      /--warn-only does not go with --shard/
    )
    expect(existsSync(partial)).toBe(false)
    const empty = cli(['merge'])
    expect(empty.code).toBe(2)
    expect(empty.stderr).toContain('merge needs the partial state files')
  })
})
