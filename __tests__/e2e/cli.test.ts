import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import { reportSchema } from '../../src/report/report-schema.js'
import { fixtureRows, insertWord, seeded } from '../helpers/analysis.js'
import { CLI, cli } from '../helpers/cli-run.js'
import { jsonl, TestRepo } from '../helpers/git-repo.js'

const base = fixtureRows('sst2-base.jsonl')
const honest = fixtureRows('sst2-honest-added.jsonl')
const negatives = fixtureRows('sst2-negative-pool.jsonl')

function poisonedHead() {
  const random = seeded(5)
  const planted = negatives
    .slice(0, 8)
    .map((row) => ({ sentence: insertWord(String(row.sentence), 'zq', random), label: 1 }))
  return [...base, ...honest, ...planted]
}

describe('dataset-gate check (bundled CLI on real git repositories)', () => {
  let repo: TestRepo
  beforeAll(() => {
    expect(existsSync(CLI)).toBe(true)
  })
  beforeEach(() => {
    repo = new TestRepo()
    repo.write('data/train.jsonl', jsonl(base)).write('README.md', 'data\n').commit('base')
    repo.branch('pr')
  })
  afterEach(() => repo.cleanup())

  it('fails a poisoned PR, names the planted rows by line and writes a report that follows the contract', () => {
    repo.write('data/train.jsonl', jsonl(poisonedHead())).commit('add rows')
    const out = join(repo.dir, 'report.json')
    const { code, stdout } = cli([
      'check',
      '--repo',
      repo.dir,
      '--base',
      'main',
      '--head',
      'pr',
      '--json',
      out,
      '--markdown',
      join(repo.dir, 'c.md'),
      '--sarif',
      join(repo.dir, 'r.sarif')
    ])
    expect(code).toBe(1)
    expect(stdout).toContain('FAIL')
    const report = JSON.parse(readFileSync(out, 'utf8'))
    const validate = new Ajv({ strict: false }).compile(reportSchema)
    expect(validate(report)).toBe(true)
    expect(Object.keys(report).slice(0, 8)).toEqual(
      ['schemaVersion', 'tool', 'base', 'head', 'verdict', 'summary', 'files'].concat(
        Object.keys(report).slice(7, 8)
      )
    )
    expect(report.verdict).toBe('fail')
    const file = report.files[0]
    expect(file).toMatchObject({
      path: 'data/train.jsonl',
      previousPath: null,
      status: 'modified',
      format: 'jsonl'
    })
    expect(file.rows).toMatchObject({
      base: base.length,
      head: base.length + honest.length + 8,
      added: honest.length + 8,
      removed: 0
    })
    const trigger = file.findings.find((f: { check: string }) => f.check === 'trigger.token')
    const first = base.length + honest.length + 1
    expect(trigger.rows.map((r: { line: number }) => r.line)).toEqual(
      Array.from({ length: 8 }, (_, i) => first + i)
    )
    expect(trigger.rows[0].row).toBe(first - 1)
    expect(readFileSync(join(repo.dir, 'c.md'), 'utf8')).toMatch(/^<!-- dataset-gate:summary -->/)
    expect(JSON.parse(readFileSync(join(repo.dir, 'r.sarif'), 'utf8')).version).toBe('2.1.0')
  })

  it('passes an honest append with exit 0', () => {
    repo.write('data/train.jsonl', jsonl([...base, ...honest])).commit('honest')
    const out = join(repo.dir, 'report.json')
    const { code } = cli([
      'check',
      '--repo',
      repo.dir,
      '--base',
      'main',
      '--head',
      'pr',
      '--json',
      out,
      '--quiet'
    ])
    expect(code).toBe(0)
    expect(JSON.parse(readFileSync(out, 'utf8')).verdict).toBe('pass')
  })

  it('reads the policy from the base branch: a PR cannot switch its own gate off', () => {
    repo.git('checkout', '-q', 'main')
    repo.write('.github/dataset-gate.yml', 'checks:\n  volume.rows: warn\n').commit('policy')
    repo.git('checkout', '-q', 'pr')
    repo.git('rebase', '-q', 'main')
    repo.write('.github/dataset-gate.yml', 'warn-only: true\nchecks:\n  trigger.token: off\n')
    repo.write('data/train.jsonl', jsonl(poisonedHead())).commit('loosen the gate')
    const out = join(repo.dir, 'report.json')
    const { code } = cli([
      'check',
      '--repo',
      repo.dir,
      '--base',
      'main',
      '--head',
      'pr',
      '--json',
      out,
      '--quiet'
    ])
    expect(code).toBe(1)
    const report = JSON.parse(readFileSync(out, 'utf8'))
    expect(report.notes.join(' ')).toMatch(
      /changes the policy file .*judged by main:\.github\/dataset-gate\.yml/
    )
    expect(report.notes.join(' ')).toContain('warn-only: false → true')
  })

  it('exits 2 with a clear message for an unknown ref and an invalid policy', () => {
    repo.commit('nothing')
    const unknown = cli(['check', '--repo', repo.dir, '--base', 'nope', '--head', 'pr'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('nope')
    expect(unknown.stderr).not.toMatch(/\n\s+at /)
    repo.write('bad.yml', 'checks:\n  trigger.token: { min-rows: "three" }\n')
    const invalid = cli([
      'check',
      '--repo',
      repo.dir,
      '--base',
      'main',
      '--head',
      'pr',
      '--config',
      join(repo.dir, 'bad.yml')
    ])
    expect(invalid.code).toBe(2)
    expect(invalid.stderr).toContain('bad.yml')
    expect(invalid.stderr).toContain('checks.trigger.token.min-rows')
  })

  it('reports a malformed row as a finding at its line, and goes on', () => {
    const lines = jsonl([...base, ...honest]).split('\n')
    lines.splice(base.length + 3, 0, '{"sentence": "broken row", "label": ')
    repo.write('data/train.jsonl', lines.join('\n')).commit('broken')
    const out = join(repo.dir, 'report.json')
    const { code } = cli([
      'check',
      '--repo',
      repo.dir,
      '--base',
      'main',
      '--head',
      'pr',
      '--json',
      out,
      '--quiet'
    ])
    expect(code).toBe(1)
    const finding = JSON.parse(readFileSync(out, 'utf8')).files[0].findings.find(
      (f: { check: string }) => f.check === 'parse.error'
    )
    expect(finding.rows[0].line).toBe(base.length + 4)
    expect(JSON.parse(readFileSync(out, 'utf8')).files[0].rows.added).toBe(honest.length)
  })

  it('handles CSV, renames and deletions', () => {
    const csv = (rows: typeof base) =>
      'text,label\n' +
      rows.map((r) => `"${String(r.sentence).replace(/"/g, '""')}",${r.label}`).join('\n') +
      '\n'
    repo.git('checkout', '-q', 'main')
    repo
      .write('data/extra.csv', csv(base.slice(0, 300)))
      .write('data/old.jsonl', jsonl(base.slice(0, 10)))
      .commit('more')
    repo.git('checkout', '-q', 'pr')
    repo.git('rebase', '-q', 'main')
    repo.git('mv', 'data/extra.csv', 'data/renamed.csv')
    repo.write('data/renamed.csv', csv([...base.slice(0, 300), ...honest.slice(0, 5)]))
    repo.remove('data/old.jsonl').commit('rename and delete')
    const out = join(repo.dir, 'report.json')
    const { code } = cli([
      'check',
      '--repo',
      repo.dir,
      '--base',
      'main',
      '--head',
      'pr',
      '--json',
      out,
      '--quiet'
    ])
    expect(code).toBe(0)
    const files = JSON.parse(readFileSync(out, 'utf8')).files
    const renamed = files.find((f: { path: string }) => f.path === 'data/renamed.csv')
    expect(renamed).toMatchObject({
      previousPath: 'data/extra.csv',
      status: 'renamed',
      format: 'csv',
      rows: { added: 5, removed: 0 }
    })
    expect(files.find((f: { path: string }) => f.path === 'data/old.jsonl').status).toBe('deleted')
  })

  it('says so when a dataset file is a Git LFS pointer', () => {
    repo
      .write(
        'data/train.jsonl',
        `version https://git-lfs.github.com/spec/v1\noid sha256:${'a'.repeat(64)}\nsize 1234\n`
      )
      .commit('lfs')
    const out = join(repo.dir, 'report.json')
    cli(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr', '--json', out, '--quiet'])
    const finding = JSON.parse(readFileSync(out, 'utf8')).files[0].findings[0]
    expect(finding.check).toBe('file.unreadable')
    expect(finding.message).toContain('Git LFS pointer')
  })
})

describe('dataset-gate demo and init', () => {
  it('demo runs with nothing but node and git, fails the planted rows and exits 0', () => {
    const { code, stdout } = cli(['demo'])
    expect(code).toBe(0)
    expect(stdout).toContain('Dataset Gate: FAIL')
    expect(stdout).toMatch(/line \d+: .*qzx/)
    expect(stdout).toContain('<!-- dataset-gate:summary -->')
  })

  it('init writes a starter policy that validates, and never overwrites', () => {
    const repo = new TestRepo()
    try {
      expect(cli(['init'], { cwd: repo.dir }).code).toBe(0)
      expect(existsSync(join(repo.dir, '.github', 'workflows', 'dataset-gate.yml'))).toBe(true)
      const again = cli(['init'], { cwd: repo.dir })
      expect(again.stdout).toContain('kept')
      repo.write('data/a.jsonl', '{"a": 1}\n').commit('init')
      expect(
        cli([
          'check',
          '--repo',
          repo.dir,
          '--base',
          'HEAD',
          '--head',
          'HEAD',
          '--quiet',
          '--config',
          join(repo.dir, '.github', 'dataset-gate.yml')
        ]).code
      ).toBe(0)
    } finally {
      repo.cleanup()
    }
  })

  it('prints usage and rejects unknown commands with exit 2', () => {
    expect(cli(['--help']).code).toBe(0)
    expect(cli(['frobnicate']).code).toBe(2)
  })
})

describe('dataset-gate check on a large base', () => {
  it('gathers the base statistics in the bundled worker thread and still catches a trigger', () => {
    // 50,000 base rows: the base's text statistics are gathered in dist/base-text-worker.js.
    const large = Array.from({ length: 50_000 }, (_, i) => ({
      sentence: `${String(base[i % base.length].sentence)} (review ${i})`,
      label: base[i % base.length].label
    }))
    const random = seeded(8)
    const planted = negatives
      .slice(0, 12)
      .map((row) => ({ sentence: insertWord(String(row.sentence), 'zq', random), label: 1 }))
    const repo = new TestRepo()
    try {
      repo.write('data/train.jsonl', jsonl(large)).commit('base')
      repo.branch('pr')
      repo.write('data/train.jsonl', jsonl([...large, ...honest, ...planted])).commit('add rows')
      const out = join(repo.dir, 'report.json')
      const args = ['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr', '--json', out]
      const { code, stderr } = cli([...args, '--quiet'])
      expect(stderr).toBe('')
      expect(code).toBe(1)
      const report = JSON.parse(readFileSync(out, 'utf8'))
      expect(report.files[0].rows).toMatchObject({ base: 50_000, added: honest.length + 12 })
      const trigger = report.files[0].findings.find(
        (f: { check: string }) => f.check === 'trigger.token'
      )
      expect(trigger?.message).toContain('zq')
    } finally {
      repo.cleanup()
    }
  })
})
