import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fixtureRows } from '../helpers/analysis.js'
import { jsonl, TestRepo } from '../helpers/git-repo.js'

const ACTION = join(process.cwd(), 'dist', 'index.js')
const base = fixtureRows('sst2-base.jsonl')
const honest = fixtureRows('sst2-honest-added.jsonl')

/** Runs the bundled action as the runner does: event payload, INPUT_* and GITHUB_* variables. */
function runAction(
  repo: TestRepo,
  baseSha: string,
  headSha: string,
  inputs: Record<string, string>
) {
  const event = join(repo.dir, '..', `${repo.dir.split('/').pop()}-event.json`)
  writeFileSync(
    event,
    JSON.stringify({
      action: 'synchronize',
      number: 7,
      pull_request: {
        number: 7,
        base: { sha: baseSha, repo: { full_name: 'octo/data' } },
        head: { sha: headSha, repo: { full_name: 'octo/data' } }
      },
      repository: { full_name: 'octo/data', name: 'data', owner: { login: 'octo' } }
    })
  )
  const output = join(repo.dir, '.output')
  const summary = join(repo.dir, '.summary')
  writeFileSync(output, '')
  writeFileSync(summary, '')
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: 'octo/data',
    GITHUB_WORKSPACE: repo.dir,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: repo.dir,
    GITHUB_API_URL: 'http://127.0.0.1:9',
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
  }
  const result = spawnSync(process.execPath, [ACTION], { cwd: repo.dir, env, encoding: 'utf8' })
  return {
    code: result.status,
    stdout: result.stdout,
    outputs: readFileSync(output, 'utf8'),
    summary: readFileSync(summary, 'utf8')
  }
}

function output(outputs: string, name: string): string | undefined {
  const match = new RegExp(`^${name}<<(.+)\\n([\\s\\S]*?)\\n\\1$`, 'm').exec(outputs)
  return match?.[2]
}

describe('the bundled action on a pull_request event', () => {
  let repo: TestRepo
  beforeEach(() => (repo = new TestRepo()))
  afterEach(() => repo.cleanup())

  it('fails the step on a poisoned PR, sets outputs and writes the job summary', () => {
    const baseSha = repo.write('data/train.jsonl', jsonl(base)).commit('base')
    const planted = honest
      .slice(0, 5)
      .map((row) => ({ ...row, sentence: String(row.sentence).replace(' ', '\u200b '), label: 1 }))
    const headSha = repo
      .branch('pr')
      .write('data/train.jsonl', jsonl([...base, ...honest, ...planted]))
      .commit('pr')
    const result = runAction(repo, baseSha, headSha, { comment: 'never', 'github-token': '' })
    expect(result.code).toBe(1)
    expect(output(result.outputs, 'verdict')).toBe('fail')
    expect(Number(output(result.outputs, 'failures'))).toBeGreaterThan(0)
    const report = JSON.parse(readFileSync(output(result.outputs, 'report')!, 'utf8'))
    expect(report.head).toBe(headSha)
    expect(result.summary).toContain('Dataset Gate: FAIL')
    expect(result.stdout).toContain('::error::')
  })

  it('passes an honest PR; warn-only turns a fail into a warning', () => {
    const baseSha = repo.write('data/train.jsonl', jsonl(base)).commit('base')
    const headSha = repo
      .branch('pr')
      .write('data/train.jsonl', jsonl([...base, ...honest]))
      .commit('pr')
    expect(runAction(repo, baseSha, headSha, { comment: 'never' }).code).toBe(0)
    const flipped = base.map((row, i) => (i < 5 ? { ...row, label: 1 - Number(row.label) } : row))
    const failing = repo.write('data/train.jsonl', jsonl(flipped)).commit('flip')
    const result = runAction(repo, baseSha, failing, { comment: 'never', 'warn-only': 'true' })
    expect(result.code).toBe(0)
    expect(output(result.outputs, 'verdict')).toBe('warn')
  })

  it('a comment that cannot be posted is a warning, never a changed verdict', () => {
    const baseSha = repo.write('data/train.jsonl', jsonl(base)).commit('base')
    const headSha = repo
      .branch('pr')
      .write('data/train.jsonl', jsonl([...base, ...honest]))
      .commit('pr')
    const result = runAction(repo, baseSha, headSha, {
      comment: 'always',
      'github-token': 'ghs_unreachable'
    })
    expect(result.code).toBe(0)
    expect(output(result.outputs, 'verdict')).toBe('pass')
    expect(result.stdout).toContain('::warning::')
  })
})
