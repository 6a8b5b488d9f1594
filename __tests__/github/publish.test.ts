import { jest } from '@jest/globals'
import { mockCore } from './core-mock.js'
import { HttpError, appendPatch, fakeGitHub, type FakeState } from './fake-github.js'
import { finding, invisible, nearDuplicates, report } from './report-fixture.js'

const core = mockCore()
const { FORK_WARNING, commentPlan, publish } = await import('../../src/github/publish.js')
const { DEFAULT_MARKER } = await import('../../src/report/markdown.js')

const repo = { owner: 'o', repo: 'r' }
const samePr = {
  eventName: 'pull_request',
  repo,
  payload: {
    pull_request: {
      number: 7,
      labels: [],
      head: { sha: 'head', repo: { full_name: 'o/r' } },
      base: { sha: 'base', repo: { full_name: 'o/r' } }
    }
  }
}
const forkPr = {
  ...samePr,
  payload: {
    pull_request: {
      ...samePr.payload.pull_request,
      head: { sha: 'head', repo: { full_name: 'mallory/r' } }
    }
  }
}
const diff = [{ filename: 'data/train.jsonl', status: 'modified', patch: appendPatch(600, 40) }]
const inputs = {
  token: 't',
  comment: 'always' as const,
  pullNumber: 7,
  annotations: false,
  context: samePr
}

function setup(state: Partial<FakeState> = {}) {
  return fakeGitHub({ files: diff, ...state })
}

const savedEnv = { ...process.env }
beforeEach(() => {
  jest.clearAllMocks()
  delete process.env.GITHUB_STEP_SUMMARY
  process.env.GITHUB_SERVER_URL = 'https://github.com'
  process.env.GITHUB_REPOSITORY = 'o/r'
  process.env.GITHUB_RUN_ID = '99'
})
afterAll(() => {
  process.env = savedEnv
})

describe('commentPlan', () => {
  it.each([
    ['always', 'pass', 'upsert'],
    ['on-failure', 'fail', 'upsert'],
    ['on-failure', 'warn', 'upsert'],
    ['on-failure', 'pass', 'update-only'],
    ['never', 'fail', 'none']
  ] as const)('%s on %s -> %s', (mode, verdict, plan) => {
    expect(commentPlan(mode, verdict)).toBe(plan)
  })
})

describe('publish on a pull request from the same repository', () => {
  it('posts the review and the summary comment with links, and warns about nothing', async () => {
    const { octokit, state } = setup()
    const failing = report([invisible, nearDuplicates])
    const before = structuredClone(failing)
    const result = await publish(failing, {
      ...inputs,
      client: octokit,
      artifactName: 'dataset-gate-report'
    })
    expect(core.warnings()).toEqual([])
    expect(result.review).toMatchObject({ posted: 6, kept: 0, deleted: 0 })
    expect(state.issueComments).toHaveLength(1)
    const body = state.issueComments[0].body
    expect(body.startsWith(`${DEFAULT_MARKER}\n`)).toBe(true)
    expect(body).toContain('https://github.com/o/r/actions/runs/99')
    expect(body).toContain('dataset-gate-report')
    expect(body).not.toContain('Flagged rows without a review comment')
    expect(core.setOutput).toHaveBeenCalledWith('comment-url', result.commentUrl)
    expect(failing).toEqual(before)
  })

  it('is idempotent: a re-run changes nothing', async () => {
    const { octokit, state } = setup()
    const failing = report([invisible, nearDuplicates])
    await publish(failing, { ...inputs, client: octokit })
    const calls = state.calls.length
    const again = await publish(failing, { ...inputs, client: octokit })
    expect(again.review).toMatchObject({ posted: 0, kept: 6, deleted: 0 })
    expect(state.calls.slice(calls)).not.toContain('createReview')
    expect(state.calls.slice(calls)).not.toContain('createComment')
    expect(state.calls.slice(calls)).not.toContain('updateComment')
  })

  it('lists rows over the cap or outside the diff in the summary comment', async () => {
    const { octokit, state } = setup({
      files: [{ filename: 'data/train.jsonl', status: 'modified', patch: appendPatch(600, 5) }]
    })
    await publish(report([invisible, nearDuplicates]), {
      ...inputs,
      client: octokit,
      maxReviewComments: 1
    })
    expect(state.reviews[0].comments.map((comment) => comment.line)).toEqual([601])
    const body = state.issueComments[0].body
    expect(body).toContain('### Flagged rows without a review comment')
    expect(body).toContain('1 row: over the max-review-comments cap')
    expect(body).toContain('4 rows: not in the diff')
  })

  it('keeps the summary comment within 65,536 characters with the section appended', async () => {
    const huge = finding({
      check: 'trigger.token',
      severity: 'fail',
      explanation: 'x'.repeat(3000),
      rows: Array.from({ length: 3000 }, (_, index) => ({
        line: index + 2,
        row: index + 1,
        excerpt: 'y'.repeat(300),
        reason: 'z'.repeat(200),
        hash: `h${index}`
      }))
    })
    const { octokit, state } = setup()
    await publish(report([huge]), { ...inputs, client: octokit })
    expect(state.issueComments[0].body.length).toBeLessThanOrEqual(65536)
    expect(state.issueComments[0].body).toContain('### Flagged rows without a review comment')
  })

  it('prints annotations unless told not to', async () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      await publish(report([invisible]), {
        ...inputs,
        comment: 'never',
        reviewComments: false,
        annotations: true
      })
      await publish(report([invisible]), {
        ...inputs,
        comment: 'never',
        reviewComments: false,
        annotations: false
      })
      expect(
        write.mock.calls.filter(([text]) =>
          String(text).startsWith('::error file=data/train.jsonl')
        )
      ).toHaveLength(4)
    } finally {
      write.mockRestore()
    }
  })
})

describe('comment modes', () => {
  it('never: no summary comment (review comments still reconciled)', async () => {
    const { octokit, state } = setup()
    await publish(report([invisible]), { ...inputs, comment: 'never', client: octokit })
    expect(state.calls).not.toContain('listComments')
    expect(state.reviews).toHaveLength(1)
  })

  it('on-failure: a pass creates nothing but corrects an earlier comment', async () => {
    const { octokit, state } = setup()
    await publish(report([]), { ...inputs, comment: 'on-failure', client: octokit })
    expect(state.issueComments).toEqual([])
    await publish(report([invisible]), { ...inputs, comment: 'on-failure', client: octokit })
    expect(state.issueComments[0].body).toContain('FAIL')
    await publish(report([]), { ...inputs, comment: 'on-failure', client: octokit })
    expect(state.issueComments).toHaveLength(1)
    expect(state.issueComments[0].body).toContain('PASS')
    expect(state.reviewComments).toEqual([])
  })

  it('hide-and-recreate minimizes the old comment and posts a new one', async () => {
    const { octokit, state } = setup()
    await publish(report([invisible]), { ...inputs, client: octokit, hideAndRecreate: true })
    await publish(report([invisible, nearDuplicates]), {
      ...inputs,
      client: octokit,
      hideAndRecreate: true
    })
    expect(state.issueComments.map((comment) => comment.minimized === true)).toEqual([true, false])
    expect(core.warnings()).toEqual([])
  })

  it('hide-and-recreate falls back to an update when GraphQL fails', async () => {
    const { octokit, state } = setup()
    await publish(report([invisible]), { ...inputs, client: octokit, hideAndRecreate: true })
    state.failures.graphql = new HttpError(403, 'Resource not accessible by integration')
    const result = await publish(report([invisible, nearDuplicates]), {
      ...inputs,
      client: octokit,
      hideAndRecreate: true
    })
    expect(state.issueComments).toHaveLength(1)
    expect(state.calls).toContain('updateComment')
    expect(result.commentUrl).toBe(state.issueComments[0].html_url)
    expect(core.warnings()).toHaveLength(1)
    expect(core.warnings()[0]).toMatch(
      /minimize the previous summary comment.*updated in place instead/
    )
  })
})

describe('degraded publishing never changes the verdict', () => {
  it('a fork’s pull_request run warns once and calls nothing', async () => {
    const { octokit, state } = setup()
    const failing = report([invisible])
    const result = await publish(failing, { ...inputs, context: forkPr, client: octokit })
    expect(result.degraded).toBe('fork')
    expect(core.warnings()).toEqual([FORK_WARNING])
    expect(state.calls).toEqual([])
    expect(failing.verdict).toBe('fail')
  })

  it('a 403 on the review warns once and stops', async () => {
    const { octokit, state } = setup({
      failures: {
        createReview: new HttpError(403, 'Resource not accessible by integration', {
          data: { message: 'Resource not accessible by integration' },
          headers: { 'x-accepted-github-permissions': 'pull_requests=write' }
        })
      }
    })
    const failing = report([invisible])
    const result = await publish(failing, { ...inputs, client: octokit })
    expect(result.degraded).toBe('denied')
    expect(core.warnings()).toHaveLength(1)
    expect(core.warnings()[0]).toMatch(
      /`pull-requests: write`.*workflow_run pattern.*Nothing more is posted/
    )
    expect(state.calls).not.toContain('listComments')
    expect(failing.verdict).toBe('fail')
  })

  it('a 422 on the review moves the rows to the summary comment', async () => {
    const { octokit, state } = setup({
      failures: { createReview: new HttpError(422, 'Validation Failed') }
    })
    await publish(report([invisible]), { ...inputs, client: octokit })
    expect(core.warnings()).toHaveLength(1)
    expect(core.warnings()[0]).toMatch(/422/)
    expect(state.issueComments[0].body).toContain('4 rows: GitHub refused the review')
  })

  it('a 5xx listing the diff still posts the summary comment, listing the rows', async () => {
    const { octokit, state } = setup({ failures: { listFiles: new HttpError(502, 'Bad Gateway') } })
    await publish(report([invisible]), { ...inputs, client: octokit })
    expect(core.warnings()).toHaveLength(1)
    expect(core.warnings()[0]).toMatch(/server error \(502/)
    expect(state.issueComments[0].body).toContain(
      '4 rows: the review comments could not be updated'
    )
  })

  it('a 404 on the comments is one actionable warning', async () => {
    const { octokit } = setup({ failures: { listReviewComments: new HttpError(404, 'Not Found') } })
    const result = await publish(report([invisible]), { ...inputs, client: octokit })
    expect(result.degraded).toBe('denied')
    expect(core.warnings()).toHaveLength(1)
    expect(core.warnings()[0]).toMatch(/404.*token's access/)
  })

  it('a 5xx on the summary comment is a warning', async () => {
    const { octokit } = setup({ failures: { createComment: new HttpError(500, 'Server Error') } })
    const result = await publish(report([invisible]), { ...inputs, client: octokit })
    expect(result.commentUrl).toBeUndefined()
    expect(core.warnings()).toEqual([
      expect.stringMatching(/^Could not post the summary comment: GitHub had a server error/)
    ])
  })

  it('no token: one warning', async () => {
    await publish(report([invisible]), { ...inputs, token: '' })
    expect(core.warnings()).toEqual([
      'No github-token: the summary comment and review comments were not posted.'
    ])
  })

  it('no pull request: job summary and annotations only', async () => {
    const { octokit, state } = setup()
    await publish(report([invisible]), {
      ...inputs,
      pullNumber: undefined,
      context: { eventName: 'push', payload: {}, repo },
      client: octokit
    })
    expect(state.calls).toEqual([])
    expect(core.warnings()).toEqual([])
  })
})

describe('the workflow_run publisher', () => {
  const run = (headSha: string) => ({
    eventName: 'workflow_run',
    repo,
    payload: {
      workflow_run: {
        head_sha: headSha,
        html_url: 'https://github.com/o/r/actions/runs/5',
        pull_requests: []
      }
    }
  })

  it('publishes when the report, the run and the pull request agree on the commit', async () => {
    const { octokit, state } = setup({ pullHeadSha: 'head' })
    const result = await publish(report([invisible]), {
      ...inputs,
      context: run('head'),
      client: octokit
    })
    expect(result.degraded).toBeUndefined()
    expect(state.issueComments[0].body).toContain('https://github.com/o/r/actions/runs/5')
    expect(state.reviews).toHaveLength(1)
  })

  it('refuses a report about another commit, or a pull request number from elsewhere', async () => {
    const other = setup({ pullHeadSha: 'head' })
    expect(
      await publish(report([invisible]), {
        ...inputs,
        context: run('other'),
        client: other.octokit
      })
    ).toEqual({ degraded: 'mismatch' })
    expect(other.state.calls).toEqual([])
    const moved = setup({ pullHeadSha: 'newer' })
    expect(
      await publish(report([invisible]), { ...inputs, context: run('head'), client: moved.octokit })
    ).toEqual({ degraded: 'mismatch' })
    expect(moved.state.calls).toEqual(['getPull'])
    expect(core.warnings()).toHaveLength(2)
    expect(core.warnings()[1]).toMatch(/Pull request #7 is at newer/)
  })
})
