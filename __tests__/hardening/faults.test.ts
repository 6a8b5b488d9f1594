/**
 * The repository or the git binary misbehaving: the CLI must end with a clear message and exit 2,
 * never hang and never print a stack trace for what the user can fix. A real bug still shows its
 * stack.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fixtureRows } from '../helpers/analysis.js'
import { jsonl, TestRepo } from '../helpers/git-repo.js'
import { cli, STACK_FRAME } from '../helpers/cli-run.js'
import { formatFailure } from '../../src/cli.js'
import { UserError } from '../../src/errors.js'

const base = fixtureRows('sst2-base.jsonl')
const honest = fixtureRows('sst2-honest-added.jsonl')
const TRAIN = 'data/train.jsonl'
const REAL_GIT = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim()

let repo: TestRepo
let scratch: string
let baseSha: string

beforeEach(() => {
  repo = new TestRepo()
  baseSha = repo.write(TRAIN, jsonl(base)).commit('base')
  repo.branch('pr')
  repo.write(TRAIN, jsonl([...base, ...honest])).commit('more rows')
  scratch = mkdtempSync(join(tmpdir(), 'dataset-gate-faults-'))
})
afterEach(() => {
  repo.cleanup()
  rmSync(scratch, { recursive: true, force: true })
})

/** A directory with a `git` script in it, to put first on PATH. */
function fakeGit(script: string): string {
  const bin = join(scratch, 'bin')
  execFileSync('mkdir', ['-p', bin])
  const path = join(bin, 'git')
  writeFileSync(path, `#!/bin/sh\nREAL_GIT='${REAL_GIT}'\n${script}\n`)
  chmodSync(path, 0o755)
  return bin
}

describe('incomplete clones', () => {
  it('a shallow clone without the base commit says to use fetch-depth: 0', () => {
    const clone = join(scratch, 'clone')
    execFileSync('git', [
      'clone',
      '-q',
      '--depth',
      '1',
      '--branch',
      'pr',
      `file://${repo.dir}`,
      clone
    ])
    // As the action passes it: the base SHA from the event, absent from the clone.
    const bySha = cli(['check', '--repo', clone, '--base', baseSha, '--head', 'HEAD'])
    expect(bySha.code).toBe(2)
    expect(bySha.stderr).toContain(`unknown git ref "${baseSha}"`)
    expect(bySha.stderr).toContain('shallow clone')
    expect(bySha.stderr).toContain('fetch-depth: 0')
    expect(bySha.stderr).not.toMatch(STACK_FRAME)
  })

  it('a shallow clone of every branch cannot find the merge base and says why', () => {
    // The remote's HEAD is its default branch, as on GitHub.
    repo.git('checkout', '-q', 'main')
    const clone = join(scratch, 'clone')
    execFileSync('git', [
      'clone',
      '-q',
      '--depth',
      '1',
      '--no-single-branch',
      '--branch',
      'pr',
      `file://${repo.dir}`,
      clone
    ])
    const out = cli(['check', '--repo', clone, '--head', 'HEAD'])
    expect(out.code).toBe(2)
    expect(out.stderr).toContain('no common ancestor')
    expect(out.stderr).toContain('fetch-depth: 0')
    expect(out.stderr).not.toMatch(STACK_FRAME)
  })

  it('a blob missing from the object database never passes and does not hang', () => {
    removeHeadBlob()
    const out = cli(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr'], {
      timeoutMs: 20_000
    })
    expect(out.code === 1 || out.code === 2).toBe(true)
    expect(out.stderr + out.stdout).toContain(TRAIN)
    expect(out.stderr).not.toMatch(STACK_FRAME)
  })

  it('a blob missing from the object database is an error naming the damaged clone', () => {
    removeHeadBlob()
    const out = cli(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr'], {
      timeoutMs: 20_000
    })
    expect(out.code).toBe(2)
    expect(out.stderr).toMatch(/^dataset-gate: error: git failed while reading the repository/)
    expect(out.stderr).toContain(TRAIN)
    expect(out.stderr).toContain('fetch-depth: 0')
  })
})

function removeHeadBlob(): void {
  const blob = repo.git('rev-parse', `pr:${TRAIN}`).trim()
  unlinkSync(join(repo.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)))
}

describe('the git binary', () => {
  it('missing from PATH is a clear user error', () => {
    const empty = join(scratch, 'empty')
    execFileSync('mkdir', ['-p', empty])
    const out = cli(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr'], {
      env: { PATH: empty }
    })
    expect(out.code).toBe(2)
    expect(out.stderr).toContain('git was not found on PATH')
    expect(out.stderr).not.toMatch(STACK_FRAME)
  })

  it('failing in the middle of a blob stream ends the run with a clear error', () => {
    // Half the blob, then git dies: what a network filesystem or a killed process looks like.
    const bin = fakeGit(
      [
        // Options (-C, -c) may come before the command.
        'case " $* " in *" cat-file blob "*)',
        '  "$REAL_GIT" "$@" | head -c 20000',
        '  echo "fatal: simulated read failure" >&2',
        '  exit 128',
        'esac',
        'exec "$REAL_GIT" "$@"'
      ].join('\n')
    )
    const out = cli(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr'], {
      env: { PATH: `${bin}:${process.env.PATH}` },
      timeoutMs: 20_000
    })
    expect(out.code).toBe(2)
    expect(out.stderr).toContain('simulated read failure')
    expect(out.stderr).toContain(TRAIN)
    expect(out.stderr).toContain('fetch-depth: 0')
    expect(out.stderr).not.toMatch(STACK_FRAME)
    expect(out.stdout).toBe('')
  })

  it('a bug (output the code does not expect) still prints its stack', () => {
    const bin = fakeGit(
      [
        'for arg in "$@"; do',
        '  if [ "$arg" = --name-status ]; then printf "X\\000data/x.jsonl\\000"; exit 0; fi',
        'done',
        'exec "$REAL_GIT" "$@"'
      ].join('\n')
    )
    const out = cli(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr'], {
      env: { PATH: `${bin}:${process.env.PATH}` }
    })
    expect(out.code).toBe(2)
    expect(out.stderr).toContain('internal error (please report it)')
    expect(out.stderr).toMatch(STACK_FRAME)
  })
})

describe('formatFailure', () => {
  it('prints a user error as message and hint, with control characters shown', () => {
    const text = formatFailure(new UserError('unknown git ref "a\u001b[2Jb"', 'fetch it'))
    expect(text).toBe('dataset-gate: error: unknown git ref "a⟨U+001B⟩[2Jb"\nhint: fetch it\n')
  })

  it('keeps the stack of anything else, line by line', () => {
    const error = new TypeError('x is undefined')
    const text = formatFailure(error)
    expect(text).toContain('internal error (please report it): TypeError: x is undefined\n')
    expect(text).toMatch(STACK_FRAME)
  })
})
