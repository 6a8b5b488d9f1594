import { describeGitHubError } from '../../src/github/errors.js'

function httpError(
  status: number,
  message: string,
  extra: {
    headers?: Record<string, string>
    method?: string
    url?: string
    errors?: unknown[]
  } = {}
) {
  return Object.assign(new Error(message), {
    name: 'HttpError',
    status,
    request: {
      method: extra.method ?? 'POST',
      url: extra.url ?? 'https://api.github.com/repos/o/r/issues/7/comments'
    },
    response: { headers: extra.headers ?? {}, data: { message, errors: extra.errors } }
  })
}

const action = 'post the summary comment'

describe('describeGitHubError', () => {
  it('names the missing permission from the accepted-permissions header', () => {
    const text = describeGitHubError(
      httpError(403, 'Resource not accessible by integration', {
        headers: { 'x-accepted-github-permissions': 'issues=write; pull_requests=write' }
      }),
      action
    )
    expect(text).toBe(
      'Could not post the summary comment: the token lacks the `issues: write` or `pull-requests: write` permission (403 "Resource not accessible by integration"); grant it under `permissions:` in the workflow, and note that pull requests from forks always get a read-only token (see the workflow_run pattern in docs/GITHUB.md).'
    )
  })

  it('guesses the permission from the endpoint when GitHub does not say', () => {
    expect(
      describeGitHubError(httpError(403, 'Resource not accessible by integration'), action)
    ).toContain('`pull-requests: write`')
    expect(
      describeGitHubError(
        httpError(403, 'Resource not accessible by integration', {
          url: 'https://api.github.com/repos/o/r/code-scanning/sarifs'
        }),
        'upload SARIF'
      )
    ).toContain('`security-events: write`')
    expect(
      describeGitHubError(
        httpError(403, 'Resource not accessible by integration', {
          method: 'GET',
          url: 'https://api.github.com/repos/o/r/contents/.github/dataset-gate.yml'
        }),
        'read the policy'
      )
    ).toContain('`contents: read`')
  })

  it('recognises rate limits, primary and secondary', () => {
    const primary = describeGitHubError(
      httpError(403, 'API rate limit exceeded for installation', {
        headers: {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Date.UTC(2025, 0, 1, 13, 5) / 1000)
        }
      }),
      action
    )
    expect(primary).toBe(
      'Could not post the summary comment: the GitHub API rate limit is exhausted until 13:05 UTC; re-run the job later or use a token with a higher limit.'
    )
    const secondary = describeGitHubError(
      httpError(403, 'You have exceeded a secondary rate limit', {
        headers: { 'retry-after': '60' }
      }),
      action
    )
    expect(secondary).toContain('rate limit is exhausted for 60 s')
    expect(describeGitHubError(httpError(429, 'Too Many Requests'), action)).toContain('rate limit')
  })

  it('explains 401, 404, 422 and 5xx in one sentence each', () => {
    expect(describeGitHubError(httpError(401, 'Bad credentials'), action)).toContain(
      'GitHub rejected the token (401 "Bad credentials")'
    )
    expect(describeGitHubError(httpError(404, 'Not Found'), action)).toContain(
      "check the repository, the pull request number and the token's access"
    )
    const invalid = describeGitHubError(
      httpError(422, 'Validation Failed', {
        errors: [{ resource: 'PullRequestReviewComment', message: 'line must be part of the diff' }]
      }),
      'post review comments'
    )
    expect(invalid).toContain('422 "Validation Failed" ("line must be part of the diff")')
    expect(describeGitHubError(httpError(502, 'Bad Gateway'), action)).toContain(
      'GitHub had a server error (502 "Bad Gateway"); this is on GitHub\'s side'
    )
    for (const text of [invalid, describeGitHubError(httpError(418, 'teapot'), action)]) {
      expect(text.split('\n')).toHaveLength(1)
      expect(text.startsWith('Could not ')).toBe(true)
    }
  })

  it('handles errors without an HTTP status and keeps API text on one short line', () => {
    expect(describeGitHubError(new Error('getaddrinfo ENOTFOUND api.github.com'), action)).toBe(
      'Could not post the summary comment: "getaddrinfo ENOTFOUND api.github.com"; check the network connection to the GitHub API and re-run the job.'
    )
    const long = describeGitHubError(
      httpError(500, `line one\nline two ${'x'.repeat(400)}`),
      action
    )
    expect(long).not.toContain('\n')
    expect(long.length).toBeLessThan(400)
    expect(describeGitHubError('plain string', action)).toContain('"plain string"')
  })
})
