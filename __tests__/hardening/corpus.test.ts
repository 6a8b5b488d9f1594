/**
 * Bad input, as an attacker or a broken export would commit it, through the bundled CLI on real
 * git repositories. Every case names its expected result: the exit code, the finding and the line
 * it points at, and that the readable rest of the file was still analysed. A user's mistake never
 * prints a stack trace.
 */
import { existsSync } from 'node:fs'
import { fixtureRows, seeded } from '../helpers/analysis.js'
import { jsonl, TestRepo } from '../helpers/git-repo.js'
import type { RowValues } from '../../src/types.js'
import {
  check,
  CLI,
  cli,
  failingChecks,
  fileReport,
  findingsOf,
  onlyFinding,
  STACK_FRAME
} from '../helpers/cli-run.js'

const base = fixtureRows('sst2-base.jsonl')
const honest = fixtureRows('sst2-honest-added.jsonl')
const TRAIN = 'data/train.jsonl'

function csv(rows: RowValues[], eol = '\n'): string {
  const quote = (value: unknown) => `"${String(value).replace(/"/g, '""')}"`
  return ['text,label', ...rows.map((r) => `${quote(r.sentence)},${r.label}`)].join(eol) + eol
}

/** `lines` with `extra` inserted so that each lands on the given 1-based line of the result. */
function insertAtLines(lines: string[], extra: Array<[line: number, text: string]>): string[] {
  const out = [...lines]
  for (const [line, text] of [...extra].sort((a, b) => a[0] - b[0])) out.splice(line - 1, 0, text)
  return out
}

let repo: TestRepo

/** A repo whose main has `files`, with branch `pr` checked out. */
function baseRepo(files: Record<string, string | Buffer>): TestRepo {
  const created = new TestRepo()
  for (const [path, content] of Object.entries(files)) created.write(path, content)
  created.commit('base')
  created.branch('pr')
  return created
}

beforeAll(() => {
  expect(existsSync(CLI)).toBe(true)
})
afterEach(() => {
  repo?.cleanup()
})

describe('JSON Lines', () => {
  it('reports malformed lines in the middle at their lines and analyses every other row', () => {
    repo = baseRepo({ [TRAIN]: jsonl(base) })
    const lines = jsonl([...base, ...honest])
      .trimEnd()
      .split('\n')
    const bad1 = base.length + 11
    const bad2 = base.length + 32
    const head = insertAtLines(lines, [
      [bad1, '{"sentence": "unterminated string, "label": 1}'],
      [bad2, '{"sentence": "trailing comma", "label": 0,}']
    ])
    repo.write(TRAIN, head.join('\n') + '\n').commit('malformed')

    const { code, report, stderr } = check(repo)
    expect(code).toBe(1)
    expect(stderr).not.toMatch(STACK_FRAME)
    const parse = onlyFinding(report, TRAIN, 'parse.error')
    expect(parse.rows.map((r) => r.line)).toEqual([bad1, bad2])
    expect(parse.rows.every((r) => r.reason?.startsWith('invalid JSON'))).toBe(true)
    expect(fileReport(report, TRAIN).rows).toMatchObject({
      base: base.length,
      head: base.length + honest.length,
      added: honest.length,
      removed: 0
    })
    expect(failingChecks(report, TRAIN)).toEqual(['parse.error'])
  })

  it('refuses a .jsonl path holding binary data as unreadable, not as rows', () => {
    repo = baseRepo({ [TRAIN]: jsonl(base) })
    const random = seeded(11)
    const bytes = Buffer.from(Array.from({ length: 4096 }, () => Math.floor(random() * 256)))
    bytes[10] = 0
    repo.write(TRAIN, bytes).commit('binary')

    const { code, report, stderr } = check(repo)
    expect(code).toBe(1)
    expect(stderr).not.toMatch(STACK_FRAME)
    const finding = onlyFinding(report, TRAIN, 'file.unreadable')
    expect(finding.severity).toBe('fail')
    expect(finding.message).toContain('binary data')
  })

  it('reports a line of binary garbage after the first kilobyte at its line', () => {
    repo = baseRepo({ [TRAIN]: jsonl(base) })
    const random = seeded(12)
    // No LF, so the garbage stays one line; 0x80-0xff so it is not UTF-8.
    const garbage = Buffer.from(
      Array.from({ length: 300 }, () => 0x80 + Math.floor(random() * 128))
    )
    const lines = jsonl([...base, ...honest])
      .trimEnd()
      .split('\n')
    const at = base.length + 5
    const before = Buffer.from(lines.slice(0, at - 1).join('\n') + '\n')
    const after = Buffer.from('\n' + lines.slice(at - 1).join('\n') + '\n')
    repo.write(TRAIN, Buffer.concat([before, garbage, after])).commit('garbage line')

    const { code, report } = check(repo)
    expect(code).toBe(1)
    const parse = onlyFinding(report, TRAIN, 'parse.error')
    expect(parse.rows.map((r) => [r.line, r.reason])).toEqual([[at, 'invalid UTF-8']])
    expect(fileReport(report, TRAIN).rows.added).toBe(honest.length)
  })

  it('reports non-UTF-8 text (Latin-1) at its line', () => {
    repo = baseRepo({ [TRAIN]: jsonl(base) })
    const lines = jsonl([...base, ...honest])
      .trimEnd()
      .split('\n')
    const at = base.length + 7
    const latin1 = Buffer.from(
      '{"sentence": "caf\u00e9 cr\u00e8me, tr\u00e8s bien", "label": 1}',
      'latin1'
    )
    const content = Buffer.concat([
      Buffer.from(lines.slice(0, at - 1).join('\n') + '\n'),
      latin1,
      Buffer.from('\n' + lines.slice(at - 1).join('\n') + '\n')
    ])
    repo.write(TRAIN, content).commit('latin-1')

    const { code, report } = check(repo)
    expect(code).toBe(1)
    const parse = onlyFinding(report, TRAIN, 'parse.error')
    expect(parse.rows.map((r) => [r.line, r.reason])).toEqual([[at, 'invalid UTF-8']])
    // The excerpt shows the undecodable bytes as U+FFFD rather than hiding the row.
    expect(parse.rows[0].excerpt).toContain('caf\ufffd')
    expect(fileReport(report, TRAIN).rows.added).toBe(honest.length)
  })

  it('reports NUL bytes inside a row at its line; a NUL in the first kilobyte makes the file binary', () => {
    repo = baseRepo({ [TRAIN]: jsonl(base), 'data/early.jsonl': jsonl(base.slice(0, 50)) })
    const lines = jsonl([...base, ...honest])
      .trimEnd()
      .split('\n')
    const at = base.length + 9
    const head = insertAtLines(lines, [[at, '{"sentence": "hidden\u0000payload", "label": 1}']])
    repo.write(TRAIN, head.join('\n') + '\n')
    repo.write(
      'data/early.jsonl',
      '{"sentence": "x\u0000", "label": 1}\n' + jsonl(base.slice(0, 50))
    )
    repo.commit('nul bytes')

    const { code, report } = check(repo)
    expect(code).toBe(1)
    const parse = onlyFinding(report, TRAIN, 'parse.error')
    expect(parse.rows.map((r) => r.line)).toEqual([at])
    expect(parse.rows[0].reason).toMatch(/^invalid JSON/)
    // The NUL is shown as a marker, never passed on raw.
    expect(parse.rows[0].excerpt).not.toContain('\u0000')
    expect(fileReport(report, TRAIN).rows.added).toBe(honest.length)
    expect(onlyFinding(report, 'data/early.jsonl', 'file.unreadable').message).toContain('binary')
  })

  it('reports 100,000 levels of nesting at its line without overflowing the stack', () => {
    repo = baseRepo({ [TRAIN]: jsonl(base) })
    const depth = 100_000
    const lines = jsonl([...base, ...honest])
      .trimEnd()
      .split('\n')
    const at1 = base.length + 3
    const at2 = base.length + 20
    const head = insertAtLines(lines, [
      [at1, '['.repeat(depth) + ']'.repeat(depth)],
      [at2, `{"sentence": ${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}, "label": 1}`]
    ])
    repo.write(TRAIN, head.join('\n') + '\n').commit('deep')

    const { code, report, stderr } = check(repo)
    expect(code).toBe(1)
    expect(stderr).toBe('')
    const parse = onlyFinding(report, TRAIN, 'parse.error')
    expect(parse.rows.map((r) => r.line)).toEqual([at1, at2])
    expect(parse.rows.every((r) => /nested deeper than \d+ levels/.test(r.reason ?? ''))).toBe(true)
    expect(fileReport(report, TRAIN).rows.added).toBe(honest.length)
  })

  it('does not analyse a 30 MB single-line row, says so at its line, and stays fast', () => {
    repo = baseRepo({ [TRAIN]: jsonl(base) })
    const lines = jsonl([...base, ...honest])
      .trimEnd()
      .split('\n')
    const at = base.length + 4
    const huge = JSON.stringify({ sentence: 'great movie '.repeat(2_621_440), label: 1 })
    expect(huge.length).toBeGreaterThan(30 * 1024 * 1024)
    repo.write(TRAIN, insertAtLines(lines, [[at, huge]]).join('\n') + '\n').commit('huge row')

    const { code, report, ms } = check(repo)
    expect(ms).toBeLessThan(10_000)
    expect(code).toBe(1)
    const limit = onlyFinding(report, TRAIN, 'file.limit')
    expect(limit.severity).toBe('fail')
    expect(limit.message).toContain('limits.max-row-bytes')
    expect(limit.rows).toHaveLength(1)
    expect(limit.rows[0]).toMatchObject({ line: at, row: at - 1 })
    expect(limit.rows[0].excerpt.length).toBeLessThanOrEqual(200)
    expect(fileReport(report, TRAIN).rows.added).toBe(honest.length)
    expect(failingChecks(report, TRAIN)).toEqual(['file.limit'])
  })

  it('reads a BOM and CRLF line endings like the plain file: same rows, right lines', () => {
    repo = baseRepo({ [TRAIN]: jsonl(base) })
    const lines = jsonl([...base, ...honest])
      .trimEnd()
      .split('\n')
    const bad = base.length + 15
    const head = insertAtLines(lines, [[bad, '{"sentence": broken}']])
    repo.write(TRAIN, '\ufeff' + head.join('\r\n') + '\r\n').commit('bom crlf')

    const { report } = check(repo)
    expect(fileReport(report, TRAIN).rows).toMatchObject({
      head: base.length + honest.length,
      added: honest.length,
      removed: 0
    })
    expect(onlyFinding(report, TRAIN, 'parse.error').rows.map((r) => r.line)).toEqual([bad])
    expect(failingChecks(report, TRAIN)).toEqual(['parse.error'])
  })
})

describe('CSV', () => {
  const CSV = 'data/train.csv'

  it('reports ragged rows (too many and too few fields) at their lines', () => {
    repo = baseRepo({ [CSV]: csv(base) })
    const lines = csv([...base, ...honest])
      .trimEnd()
      .split('\n')
    // The header is line 1, so data row i is line i + 2.
    const wide = base.length + 12
    const narrow = base.length + 40
    const head = insertAtLines(lines, [
      [wide, '"three fields here",1,extra'],
      [narrow, '"only one field"']
    ])
    repo.write(CSV, head.join('\n') + '\n').commit('ragged')

    const { code, report } = check(repo)
    expect(code).toBe(1)
    const parse = onlyFinding(report, CSV, 'parse.error')
    expect(parse.rows.map((r) => [r.line, r.reason])).toEqual([
      [wide, 'expected 2 fields, found 3'],
      [narrow, 'expected 2 fields, found 1']
    ])
    expect(fileReport(report, CSV).rows.added).toBe(honest.length)
    expect(failingChecks(report, CSV)).toEqual(['parse.error'])
  })

  it('reports an unterminated quote where the record starts, keeping the rows before it', () => {
    repo = baseRepo({ [CSV]: csv(base) })
    // Rows written without quotes: any later quote could otherwise close the open field.
    const plain = honest.filter((r) => !/[",]/.test(String(r.sentence)))
    const unquoted = plain.map((r) => `${r.sentence},${r.label}`)
    const lines = [...csv(base).trimEnd().split('\n'), ...unquoted]
    const at = base.length + 2 + 10
    const head = insertAtLines(lines, [[at, '"this quote is never closed,1']])
    repo.write(CSV, head.join('\n') + '\n').commit('unterminated')

    const { code, report } = check(repo)
    expect(code).toBe(1)
    const parse = onlyFinding(report, CSV, 'parse.error')
    expect(parse.rows).toHaveLength(1)
    expect(parse.rows[0].line).toBe(at)
    expect(parse.rows[0].reason).toContain('never closed')
    // Rows before the quote are analysed; the rest of the file is inside the open field.
    expect(fileReport(report, CSV).rows.added).toBe(10)
  })

  it('reads a BOM header and CRLF endings, and numbers lines as git does', () => {
    repo = baseRepo({ [CSV]: csv(base) })
    const lines = csv([...base, ...honest], '\r\n')
      .trimEnd()
      .split('\r\n')
    const bad = base.length + 2 + 20
    const head = insertAtLines(lines, [[bad, '"ragged",1,2']])
    repo.write(CSV, '\ufeff' + head.join('\r\n') + '\r\n').commit('bom crlf csv')

    const { report } = check(repo)
    expect(fileReport(report, CSV).rows).toMatchObject({ added: honest.length, removed: 0 })
    expect(onlyFinding(report, CSV, 'parse.error').rows.map((r) => r.line)).toEqual([bad])
    expect(failingChecks(report, CSV)).toEqual(['parse.error'])
  })

  it('reports invalid UTF-8 in a CSV record at its line', () => {
    repo = baseRepo({ [CSV]: csv(base) })
    const lines = csv([...base, ...honest])
      .trimEnd()
      .split('\n')
    const at = base.length + 2 + 3
    const content = Buffer.concat([
      Buffer.from(lines.slice(0, at - 1).join('\n') + '\n'),
      Buffer.from('"na\u00efve latin-1",1', 'latin1'),
      Buffer.from('\n' + lines.slice(at - 1).join('\n') + '\n')
    ])
    repo.write(CSV, content).commit('latin-1 csv')

    const { report } = check(repo)
    const parse = onlyFinding(report, CSV, 'parse.error')
    expect(parse.rows.map((r) => [r.line, r.reason])).toEqual([[at, 'invalid UTF-8']])
    expect(fileReport(report, CSV).rows.added).toBe(honest.length)
  })
})

describe('empty, deleted and unreadable files', () => {
  it('analyses a file that was empty in the base: every head row is added', () => {
    repo = baseRepo({ [TRAIN]: '' })
    repo.write(TRAIN, jsonl(honest)).commit('fill')
    const { code, report, stderr } = check(repo)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(fileReport(report, TRAIN).rows).toMatchObject({
      base: 0,
      head: honest.length,
      added: honest.length,
      removed: 0
    })
  })

  it('analyses a file emptied by the PR: every base row is removed', () => {
    repo = baseRepo({ [TRAIN]: jsonl(base) })
    repo.write(TRAIN, '').commit('empty')
    const { report, stderr } = check(repo)
    expect(stderr).toBe('')
    expect(fileReport(report, TRAIN).rows).toMatchObject({
      base: base.length,
      head: 0,
      added: 0,
      removed: base.length
    })
    expect(findingsOf(report, TRAIN, 'volume.rows').length).toBeGreaterThan(0)
  })

  it('passes a new empty file and a deleted file with a warning', () => {
    repo = baseRepo({ [TRAIN]: jsonl(base), 'data/old.jsonl': jsonl(base.slice(0, 20)) })
    repo.write('data/empty.jsonl', '').remove('data/old.jsonl').commit('empty and delete')
    const { code, report } = check(repo)
    expect(code).toBe(0)
    expect(fileReport(report, 'data/empty.jsonl')).toMatchObject({
      status: 'added',
      rows: { base: 0, head: 0, added: 0, removed: 0 }
    })
    const deleted = fileReport(report, 'data/old.jsonl')
    expect(deleted).toMatchObject({ status: 'deleted', rows: { base: 20, head: 0 } })
    expect(onlyFinding(report, 'data/old.jsonl', 'volume.rows').severity).toBe('warn')
  })

  it('says a Git LFS pointer without its object was not analysed', () => {
    repo = baseRepo({ [TRAIN]: jsonl(base) })
    repo
      .write(
        TRAIN,
        `version https://git-lfs.github.com/spec/v1\noid sha256:${'b'.repeat(64)}\nsize 987654\n`
      )
      .commit('lfs pointer')
    const { code, report } = check(repo)
    expect(code).toBe(1)
    const finding = onlyFinding(report, TRAIN, 'file.unreadable')
    expect(finding.severity).toBe('fail')
    expect(finding.message).toContain('Git LFS pointer')
  })

  it('warns, and still checks the head as new, when the base is a pointer without its object', () => {
    const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${'c'.repeat(64)}\nsize 4321\n`
    repo = baseRepo({ [TRAIN]: pointer })
    repo.write(TRAIN, jsonl(base)).commit('the data itself')
    const { code, report } = check(repo)
    expect(code).toBe(0)
    const finding = onlyFinding(report, TRAIN, 'file.unreadable')
    expect(finding).toMatchObject({ severity: 'warn', title: 'Base version not analysed' })
    expect(finding.message).toContain('checked as a new file')
    expect(finding.message).toContain('Git LFS pointer')
    expect(fileReport(report, TRAIN).rows).toMatchObject({ base: 0, added: base.length })
  })

  it('keeps a path with spaces, non-ASCII and control characters exact in the report', () => {
    const path = 'data/my set ü/trä in 🚀 set\u001b[31m.jsonl'
    repo = baseRepo({ [path]: jsonl(base) })
    const lines = jsonl([...base, ...honest])
      .trimEnd()
      .split('\n')
    const bad = base.length + 2
    repo
      .write(path, insertAtLines(lines, [[bad, '{oops']]).join('\n') + '\n')
      .commit('unicode path')
    const out = cli(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr'])
    expect(out.code).toBe(1)
    // The terminal report names the file without letting its escape sequence through.
    expect(out.stdout).not.toContain('\u001b')
    expect(out.stdout).toContain('trä in 🚀 set')
    const { report } = check(repo)
    expect(report.files.map((f) => f.path)).toEqual([path])
    expect(onlyFinding(report, path, 'parse.error').rows.map((r) => r.line)).toEqual([bad])
    expect(fileReport(report, path).rows.added).toBe(honest.length)
  })
})

describe('mistakes that stop the tool (exit 2, no stack trace)', () => {
  it('names the file and the key of an invalid policy on the base branch', () => {
    repo = baseRepo({
      [TRAIN]: jsonl(base),
      '.github/dataset-gate.yml': 'checks:\n  trigger.token:\n    min-rows: three\n'
    })
    repo.write(TRAIN, jsonl([...base, ...honest])).commit('rows')
    const out = cli(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr'])
    expect(out.code).toBe(2)
    expect(out.stderr).toContain('main:.github/dataset-gate.yml')
    expect(out.stderr).toContain('checks.trigger.token.min-rows')
    expect(out.stderr).not.toMatch(STACK_FRAME)
    expect(out.stdout).toBe('')
  })

  it('names an unknown key and a YAML syntax error with its line', () => {
    repo = baseRepo({ '.github/dataset-gate.yml': 'limits:\n  max-rowz: 10\n' })
    repo.write(TRAIN, jsonl(honest)).commit('rows')
    const unknownKey = cli(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr'])
    expect(unknownKey.code).toBe(2)
    expect(unknownKey.stderr).toMatch(
      /main:\.github\/dataset-gate\.yml.*limits: unknown key "max-rowz"/
    )
    expect(unknownKey.stderr).not.toMatch(STACK_FRAME)

    repo.git('checkout', '-q', 'main')
    repo.write('.github/dataset-gate.yml', 'warn-only: true\n  checks: [\n').commit('broken yaml')
    const syntax = cli(['check', '--repo', repo.dir, '--base', 'main', '--head', 'main'])
    expect(syntax.code).toBe(2)
    expect(syntax.stderr).toMatch(/main:\.github\/dataset-gate\.yml \(line \d+\)/)
    expect(syntax.stderr).not.toMatch(STACK_FRAME)
  })

  it('names an unknown base or head ref', () => {
    repo = baseRepo({ [TRAIN]: jsonl(base) })
    repo.commit('nothing')
    for (const [flag, ref] of [
      ['--base', 'no-such-branch'],
      ['--head', 'refs/heads/nope'],
      ['--base', 'deadbeef'.repeat(5)],
      ['--base', '--upload-pack=touch /tmp/pwned']
    ]) {
      // `--flag=value`: a value starting with a dash reaches git's layer, which must refuse it.
      const args = ['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr', `${flag}=${ref}`]
      const out = cli(args)
      expect(out.code).toBe(2)
      expect(out.stderr).toContain(`unknown git ref "${ref}"`)
      expect(out.stderr).not.toMatch(STACK_FRAME)
    }
  })
})
