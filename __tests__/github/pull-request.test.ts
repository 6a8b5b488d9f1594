import { jobSummaryUrl, pullRequestTarget } from '../../src/github/pull-request.js'

const repo = { owner: 'acme', repo: 'data' }
const pullRequest = (head: string | null, base = 'acme/data') => ({
  number: 42,
  labels: [{ name: 'bug' }, { name: 'dataset-gate: approved' }],
  head: { sha: 'h', repo: head === null ? null : { full_name: head } },
  base: { sha: 'b', repo: { full_name: base } }
})

describe('pullRequestTarget', () => {
  it('reads a same-repository pull request from the event', () => {
    expect(
      pullRequestTarget({
        eventName: 'pull_request',
        payload: { pull_request: pullRequest('acme/data') },
        repo
      })
    ).toEqual({
      owner: 'acme',
      repo: 'data',
      number: 42,
      labels: ['bug', 'dataset-gate: approved'],
      fork: false,
      readOnlyToken: false,
      trustedHead: undefined
    })
  })

  it('knows a fork’s pull_request run has a read-only token, and pull_request_target has not', () => {
    const fork = { pull_request: pullRequest('mallory/data') }
    expect(pullRequestTarget({ eventName: 'pull_request', payload: fork, repo })).toMatchObject({
      fork: true,
      readOnlyToken: true
    })
    expect(
      pullRequestTarget({ eventName: 'pull_request_target', payload: fork, repo })
    ).toMatchObject({ fork: true, readOnlyToken: false })
    const deletedFork = { pull_request: pullRequest(null) }
    expect(
      pullRequestTarget({ eventName: 'pull_request', payload: deletedFork, repo })
    ).toMatchObject({ fork: true })
  })

  it('takes the number from the input for workflow_run, with the head GitHub vouches for', () => {
    const payload = {
      workflow_run: {
        head_sha: 'abc123',
        html_url: 'https://github.com/acme/data/actions/runs/9',
        pull_requests: []
      }
    }
    expect(pullRequestTarget({ eventName: 'workflow_run', payload, repo }, 42)).toEqual({
      owner: 'acme',
      repo: 'data',
      number: 42,
      labels: undefined,
      fork: false,
      readOnlyToken: false,
      trustedHead: 'abc123'
    })
    expect(pullRequestTarget({ eventName: 'workflow_run', payload, repo })).toBeUndefined()
    expect(pullRequestTarget({ eventName: 'push', payload: {}, repo })).toBeUndefined()
  })
})

describe('jobSummaryUrl', () => {
  const env = {
    GITHUB_SERVER_URL: 'https://github.com/',
    GITHUB_REPOSITORY: 'acme/data',
    GITHUB_RUN_ID: '123'
  }

  it('points at this run, or at the analysing run for a workflow_run publisher', () => {
    expect(jobSummaryUrl({ eventName: 'pull_request', payload: {}, repo }, env)).toBe(
      'https://github.com/acme/data/actions/runs/123'
    )
    const payload = { workflow_run: { html_url: 'https://github.com/acme/data/actions/runs/9' } }
    expect(jobSummaryUrl({ eventName: 'workflow_run', payload, repo }, env)).toBe(
      'https://github.com/acme/data/actions/runs/9'
    )
    expect(jobSummaryUrl({ eventName: 'pull_request', payload: {}, repo }, {})).toBeUndefined()
  })
})
