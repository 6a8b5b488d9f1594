/**
 * The bundled action (dist/index.js), run the way the runner runs it, against a spec-validated
 * mock of api.github.com (see __tests__/helpers/prism.ts). A real git repository holds a base
 * dataset and a pull request that adds honest rows and four poisoned ones: a zero-width space
 * after a word, and label 1 on negative sentences.
 *
 * Needs `npm run build` first. Skipped, with the reason printed, only when Prism cannot start.
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  PrismUnavailable,
  startMockGitHub,
  type MockGitHub,
  type Responder
} from '../helpers/prism.js'

const ROOT = join(import.meta.dirname, '..', '..')
// DATASET_GATE_BUNDLE runs another build of the action (e.g. one made outside the work tree).
const BUNDLE = process.env.DATASET_GATE_BUNDLE ?? join(ROOT, 'dist', 'index.js')
const FIXTURES = join(ROOT, '__tests__', '__fixtures__', 'datasets')
const DATASET = 'data/sst2.jsonl'
const REPOSITORY = 'acme/datasets'
const PR_NUMBER = 17

let github: MockGitHub | undefined
let unavailable: string | undefined
try {
  github = await startMockGitHub()
} catch (error) {
  if (!(error instanceof PrismUnavailable)) throw error
  unavailable = error.message
  console.warn(`SKIPPED: the Prism end-to-end test could not start Prism: ${error.message}`)
}
const describeWithPrism = github !== undefined ? describe : describe.skip

afterAll(async () => {
  await github?.stop()
})

function git(repo: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim()
}

function lines(file: string): string[] {
  return readFileSync(join(FIXTURES, file), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
}

/** Four negative sentences turned positive, each with U+200B after its second word. */
function poisonedRows(): string[] {
  return lines('sst2-negative-pool.jsonl')
    .slice(0, 4)
    .map((line) => {
      const { sentence } = JSON.parse(line) as { sentence: string }
      const words = sentence.split(' ')
      words[1] = `${words[1]}\u200b`
      return JSON.stringify({ sentence: words.join(' '), label: 1 })
    })
}

interface Repo {
  dir: string
  base: string
  head: string
}

function buildRepository(): Repo {
  const dir = mkdtempSync(join(tmpdir(), 'dataset-gate-e2e-'))
  git(dir, 'init', '-q', '-b', 'main')
  git(dir, 'config', 'user.email', 'e2e@example.invalid')
  git(dir, 'config', 'user.name', 'E2E')
  git(dir, 'config', 'commit.gpgsign', 'false')
  mkdirSync(join(dir, 'data'))
  const base = lines('sst2-base.jsonl')
  writeFileSync(join(dir, DATASET), `${base.join('\n')}\n`)
  git(dir, 'add', '.')
  git(dir, 'commit', '-q', '-m', 'base dataset')
  const baseSha = git(dir, 'rev-parse', 'HEAD')
  git(dir, 'checkout', '-q', '-b', 'pr')
  const honest = lines('sst2-honest-added.jsonl').slice(0, 30)
  const poison = poisonedRows()
  const added = [
    ...honest.slice(0, 10),
    poison[0],
    ...honest.slice(10, 20),
    poison[1],
    poison[2],
    ...honest.slice(20),
    poison[3]
  ]
  writeFileSync(join(dir, DATASET), `${[...base, ...added].join('\n')}\n`)
  git(dir, 'commit', '-q', '-am', 'add rows')
  return { dir, base: baseSha, head: git(dir, 'rev-parse', 'HEAD') }
}

interface ActionRun {
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
}

/** GITHUB_OUTPUT uses `name<<delimiter` heredocs. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const pattern = /^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm
  for (const match of text.matchAll(pattern)) outputs[match[1]] = match[3]
  return outputs
}

interface RunOptions {
  api: string
  eventName: string
  payload: unknown
  workspace: string
  inputs?: Record<string, string>
}

function pullRequestEvent(repo: Repo, headRepository: string): unknown {
  return {
    action: 'synchronize',
    number: PR_NUMBER,
    pull_request: {
      number: PR_NUMBER,
      labels: [],
      base: { sha: repo.base, ref: 'main', repo: { full_name: REPOSITORY } },
      head: { sha: repo.head, ref: 'pr', repo: { full_name: headRepository } }
    },
    repository: { full_name: REPOSITORY, name: 'datasets', owner: { login: 'acme' } }
  }
}

/** workflow_run payloads of pull requests from forks list no pull request: the number comes from the artifact. */
function workflowRunEvent(headSha: string): unknown {
  return {
    action: 'completed',
    workflow_run: {
      id: 777,
      event: 'pull_request',
      conclusion: 'failure',
      head_sha: headSha,
      html_url: `https://github.com/${REPOSITORY}/actions/runs/777`,
      pull_requests: []
    },
    repository: { full_name: REPOSITORY, name: 'datasets', owner: { login: 'acme' } }
  }
}

async function runAction(options: RunOptions): Promise<ActionRun> {
  const { api } = options
  const temp = mkdtempSync(join(tmpdir(), 'dataset-gate-runner-'))
  const eventPath = join(temp, 'event.json')
  writeFileSync(eventPath, JSON.stringify(options.payload))
  const outputPath = join(temp, 'output')
  const summaryPath = join(temp, 'summary.md')
  writeFileSync(outputPath, '')
  writeFileSync(summaryPath, '')
  // Only what a runner sets: nothing from this machine's own GitHub or proxy settings leaks in.
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(GITHUB_|INPUT_|RUNNER_|ACTIONS_)/.test(key)) continue
    if (/^(https?|all|no)_proxy$/i.test(key)) continue
    env[key] = value
  }
  Object.assign(env, {
    NO_PROXY: '127.0.0.1,localhost',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_REPOSITORY_OWNER: 'acme',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_API_URL: api,
    GITHUB_GRAPHQL_URL: `${api}/graphql`,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    RUNNER_TEMP: temp,
    'INPUT_GITHUB-TOKEN': 'ghs_e2eFakeToken',
    INPUT_CONFIG: '',
    INPUT_COMMENT: 'always',
    'INPUT_REVIEW-COMMENTS': 'true',
    'INPUT_MAX-REVIEW-COMMENTS': '20',
    'INPUT_WARN-ONLY': '',
    'INPUT_FAIL-ON': '',
    INPUT_SARIF: '',
    'INPUT_REPORT-PATH': '',
    'INPUT_REPORT-ARTIFACT': 'dataset-gate-report',
    'INPUT_OVERRIDE-LABEL': 'dataset-gate: approved',
    'INPUT_HIDE-AND-RECREATE': 'false',
    'INPUT_REPORT-FILE': '',
    'INPUT_PULL-REQUEST-NUMBER': '',
    ...options.inputs
  })
  const child = spawn(process.execPath, [BUNDLE], {
    cwd: options.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(outputPath, 'utf8')),
    summary: readFileSync(summaryPath, 'utf8')
  }
}

/** The pull request's real diff, for GET …/pulls/N/files (Prism's example is about file1.txt). */
function pullFiles(repo: Repo): unknown[] {
  const diff = git(repo.dir, 'diff', repo.base, repo.head, '--', DATASET)
  const patch = diff.slice(diff.indexOf('@@'))
  return [
    {
      sha: git(repo.dir, 'rev-parse', `${repo.head}:${DATASET}`),
      filename: DATASET,
      status: 'modified',
      additions: patch.split('\n').filter((line) => line.startsWith('+')).length,
      deletions: 0,
      changes: 0,
      blob_url: `https://github.com/${REPOSITORY}/blob/${repo.head}/${DATASET}`,
      raw_url: `https://github.com/${REPOSITORY}/raw/${repo.head}/${DATASET}`,
      contents_url: `https://api.github.com/repos/${REPOSITORY}/contents/${DATASET}?ref=${repo.head}`,
      patch
    }
  ]
}

function workflowCommands(stdout: string, level: string): string[] {
  return stdout.split('\n').filter((line) => line.startsWith(`::${level}`))
}

describeWithPrism('the bundled action against a spec-validated GitHub API', () => {
  let repo: Repo
  /** The JSON report of the first run, for the workflow_run publisher. */
  let reportFile: string | undefined

  beforeAll(() => {
    if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` first`)
    repo = buildRepository()
  })

  beforeEach(() => github?.reset())

  it('fails the poisoned pull request and publishes the comment and review', async () => {
    const api = github as MockGitHub
    const filesPath = `/repos/${REPOSITORY}/pulls/${PR_NUMBER}/files`
    api.setResponder(({ method, path }) =>
      method === 'GET' && path.split('?')[0] === filesPath ? { body: pullFiles(repo) } : undefined
    )
    const run = await runAction({
      api: api.url,
      eventName: 'pull_request',
      payload: pullRequestEvent(repo, REPOSITORY),
      workspace: repo.dir
    })
    reportFile = run.outputs.report
    const context = `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`

    expect({ code: run.code, verdict: run.outputs.verdict }).toEqual({ code: 1, verdict: 'fail' })
    expect(Number(run.outputs.failures)).toBeGreaterThan(0)
    expect(run.summary).toContain('Dataset Gate')
    expect(run.summary).toContain('FAIL')
    expect(
      workflowCommands(run.stdout, 'error file=data/sst2.jsonl,line=').length
    ).toBeGreaterThanOrEqual(4)
    expect(workflowCommands(run.stdout, 'warning::')).toEqual([])

    const calls = api.requests.map((request) => `${request.method} ${request.path.split('?')[0]}`)
    const issueComments = `/repos/${REPOSITORY}/issues/${PR_NUMBER}/comments`
    expect(calls).toContain(`GET ${issueComments}`)
    expect(
      calls.some(
        (call) =>
          call === `POST ${issueComments}` ||
          call.startsWith(`PATCH /repos/${REPOSITORY}/issues/comments/`)
      )
    ).toBe(true)
    expect(calls).toContain(`GET /repos/${REPOSITORY}/pulls/${PR_NUMBER}/comments`)
    const review = api.requests.find(
      (request) =>
        request.method === 'POST' &&
        request.path === `/repos/${REPOSITORY}/pulls/${PR_NUMBER}/reviews`
    )
    expect(review).toBeDefined()
    const posted = JSON.parse(review?.body ?? '{}') as {
      event: string
      commit_id: string
      comments: { path: string; line: number; side: string; body: string }[]
    }
    expect(posted.event).toBe('COMMENT')
    expect(posted.commit_id).toBe(repo.head)
    expect(posted.comments.length).toBeGreaterThanOrEqual(4)
    expect(
      posted.comments.every((comment) => comment.path === DATASET && comment.side === 'RIGHT')
    ).toBe(true)
    expect(posted.comments[0].body).toMatch(
      /<!-- dataset-gate:review file=data\/sst2\.jsonl check=\S+ row=\S+ -->/
    )
    // Octokit asked for GitHub's media type; the proxy translated it.
    expect(api.requests.some((request) => /vnd\.github/.test(request.accept ?? ''))).toBe(true)
    expect(api.violations()).toEqual([])
    expect(api.requests.filter((request) => request.status >= 400)).toEqual([])
    expect(context).not.toContain('Could not ')
  })

  it('on a fork’s read-only token: same verdict, one warning, nothing written', async () => {
    const api = github as MockGitHub
    const run = await runAction({
      api: api.url,
      eventName: 'pull_request',
      payload: pullRequestEvent(repo, 'mallory/datasets'),
      workspace: repo.dir
    })

    expect({ code: run.code, verdict: run.outputs.verdict }).toEqual({ code: 1, verdict: 'fail' })
    expect(run.summary).toContain('FAIL')
    expect(
      workflowCommands(run.stdout, 'error file=data/sst2.jsonl,line=').length
    ).toBeGreaterThanOrEqual(4)
    const warnings = workflowCommands(run.stdout, 'warning::')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/comes from a fork.*workflow_run/)
    expect(api.requests.filter((request) => request.method !== 'GET')).toEqual([])
    expect(api.violations()).toEqual([])
  })

  describe('the workflow_run publisher (report-file)', () => {
    const publisherInputs = (): Record<string, string> => ({
      'INPUT_REPORT-FILE': reportFile ?? '',
      'INPUT_PULL-REQUEST-NUMBER': String(PR_NUMBER)
    })
    const pullPath = `/repos/${REPOSITORY}/pulls/${PR_NUMBER}`

    /**
     * GitHub's answers about the pull request at `headSha`, and its real diff. Prism's own
     * examples for these two routes break the description (a pull request without
     * `requested_teams[].type`, an issue wrapped in `{ value }`), so the test answers.
     */
    function pullRequestAt(headSha: string): Responder {
      const side = (sha: string, ref: string, fullName: string) => ({
        sha,
        ref,
        label: ref,
        repo: { full_name: fullName }
      })
      return ({ method, path }) => {
        const route = path.split('?')[0]
        if (method !== 'GET') return undefined
        if (route === pullPath) {
          return {
            body: {
              number: PR_NUMBER,
              state: 'open',
              labels: [],
              head: side(headSha, 'pr', 'mallory/datasets'),
              base: side(repo.base, 'main', REPOSITORY)
            }
          }
        }
        if (route === `/repos/${REPOSITORY}/issues/${PR_NUMBER}`)
          return { body: { number: PR_NUMBER, state: 'open', labels: [] } }
        if (route === `${pullPath}/files`) return { body: pullFiles(repo) }
        return undefined
      }
    }

    it('publishes an earlier run’s report without checking out or analysing anything', async () => {
      expect(reportFile).toBeDefined()
      const api = github as MockGitHub
      api.setResponder(pullRequestAt(repo.head))
      const empty = mkdtempSync(join(tmpdir(), 'dataset-gate-publisher-'))
      const run = await runAction({
        api: api.url,
        eventName: 'workflow_run',
        payload: workflowRunEvent(repo.head),
        workspace: empty,
        inputs: publisherInputs()
      })

      expect({ code: run.code, verdict: run.outputs.verdict }).toEqual({ code: 0, verdict: 'fail' })
      expect(run.stdout).not.toContain('analyse changed datasets')
      expect(workflowCommands(run.stdout, 'error')).toEqual([])
      expect(workflowCommands(run.stdout, 'warning')).toEqual([])
      const calls = api.requests.map((request) => `${request.method} ${request.path.split('?')[0]}`)
      expect(calls).toContain(`GET ${pullPath}`)
      expect(calls).toContain(`POST ${pullPath}/reviews`)
      expect(calls).toContain(`POST /repos/${REPOSITORY}/issues/${PR_NUMBER}/comments`)
      const comment = api.requests.find(
        (request) =>
          request.method === 'POST' && request.path.endsWith(`/issues/${PR_NUMBER}/comments`)
      )
      expect(comment?.body).toContain('actions/runs/777')
      expect(api.violations()).toEqual([])
    })

    it('refuses a pull request number that does not belong to the analysed commit', async () => {
      const api = github as MockGitHub
      api.setResponder(pullRequestAt('0'.repeat(40)))
      const empty = mkdtempSync(join(tmpdir(), 'dataset-gate-publisher-'))
      const run = await runAction({
        api: api.url,
        eventName: 'workflow_run',
        payload: workflowRunEvent(repo.head),
        workspace: empty,
        inputs: publisherInputs()
      })

      expect(run.code).toBe(0)
      const warnings = workflowCommands(run.stdout, 'warning::')
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toMatch(/Pull request #17 is at 000000000000, not at the analysed commit/)
      expect(api.requests.filter((request) => request.method !== 'GET')).toEqual([])
      expect(api.violations()).toEqual([])
    })
  })
})

if (unavailable !== undefined) {
  // Jest reports the skipped suite; this makes the reason part of the test names too.
  describe(`Prism end-to-end test skipped: ${unavailable}`, () => {
    it.skip('needs Prism', () => undefined)
  })
}
