/**
 * GitHub API failures as one sentence a workflow author can act on. Octokit's RequestError is
 * read structurally (status, response headers and body, request), so any error-like value works.
 */

interface ErrorShape {
  status?: number
  message: string
  headers: Record<string, string>
  /** GitHub's own `message` from the response body. */
  apiMessage?: string
  apiErrors: string[]
  method?: string
  url?: string
}

/** Workflow `permissions:` a request needs, by endpoint, when GitHub does not say. */
const PERMISSION_BY_ENDPOINT: [RegExp, string, string][] = [
  [/\/code-scanning\//, '*', 'security-events: write'],
  [/\/check-runs/, '*', 'checks: write'],
  [/\/statuses\//, '*', 'statuses: write'],
  [/\/pulls\/\d+\/(reviews|comments)/, 'write', 'pull-requests: write'],
  [/\/issues\/(\d+\/)?comments/, 'write', 'pull-requests: write'],
  [/\/pulls/, 'read', 'pull-requests: read'],
  [/\/(contents|git|commits|compare)\//, 'read', 'contents: read']
]

/**
 * `x-accepted-github-permissions: pull_requests=write; issues=write` lists alternative sets (`;`)
 * of permissions (`,`); rendered in workflow syntax as `pull-requests: write` or `issues: write`.
 */
function acceptedPermissions(header: string | undefined): string | undefined {
  if (header === undefined) return undefined
  const sets = header
    .split(';')
    .map((set) =>
      set
        .split(',')
        .map((part) => part.trim().split('='))
        .filter((pair) => pair.length === 2 && pair[0] !== '' && pair[1] !== '')
        .map(([scope, level]) => `${scope.replace(/_/g, '-')}: ${level}`)
        .join('` and `')
    )
    .filter((set) => set !== '')
  return sets.length > 0 ? sets.join('` or `') : undefined
}

function guessPermission(shape: ErrorShape): string | undefined {
  const url = shape.url ?? ''
  const writing = shape.method !== undefined && shape.method.toUpperCase() !== 'GET'
  for (const [pattern, mode, permission] of PERMISSION_BY_ENDPOINT) {
    if (!pattern.test(url)) continue
    if (mode === '*' || (mode === 'write') === writing) return permission
  }
  return undefined
}

function stringRecord(value: unknown): Record<string, string> {
  const record: Record<string, string> = {}
  if (typeof value !== 'object' || value === null) return record
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' || typeof item === 'number')
      record[key.toLowerCase()] = String(item)
  }
  return record
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined
}

function toShape(error: unknown): ErrorShape {
  const status = field(error, 'status')
  const response = field(error, 'response')
  const request = field(error, 'request')
  const data = field(response, 'data')
  const apiMessage = field(data, 'message')
  const errors = field(data, 'errors')
  const method = field(request, 'method')
  const url = field(request, 'url')
  return {
    status: typeof status === 'number' ? status : undefined,
    message: error instanceof Error ? error.message : String(error),
    headers: stringRecord(field(response, 'headers')),
    apiMessage: typeof apiMessage === 'string' ? apiMessage : undefined,
    apiErrors: Array.isArray(errors)
      ? errors.map((item) => {
          const text = field(item, 'message')
          return typeof text === 'string' ? text : JSON.stringify(item)
        })
      : [],
    method: typeof method === 'string' ? method : undefined,
    url: typeof url === 'string' ? url : undefined
  }
}

/** API messages are quoted on one line and kept short; they end up in logs and annotations. */
function quote(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return `"${line.length > 200 ? `${line.slice(0, 199)}…` : line}"`
}

function isRateLimited(shape: ErrorShape): boolean {
  if (shape.status === 429) return true
  if (shape.status !== 403) return false
  return (
    shape.headers['x-ratelimit-remaining'] === '0' ||
    shape.headers['retry-after'] !== undefined ||
    /rate limit/i.test(shape.apiMessage ?? shape.message)
  )
}

function resetTime(shape: ErrorShape): string {
  const reset = Number(shape.headers['x-ratelimit-reset'])
  if (Number.isFinite(reset) && reset > 0) {
    return ` until ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC`
  }
  const retryAfter = Number(shape.headers['retry-after'])
  return Number.isFinite(retryAfter) && retryAfter > 0 ? ` for ${retryAfter} s` : ''
}

/**
 * @param action what was being done, as a verb phrase: `post the summary comment`.
 */
export function describeGitHubError(error: unknown, action: string): string {
  const shape = toShape(error)
  const said = quote(shape.apiMessage ?? shape.message)
  const prefix = `Could not ${action}`
  if (isRateLimited(shape)) {
    return `${prefix}: the GitHub API rate limit is exhausted${resetTime(shape)}; re-run the job later or use a token with a higher limit.`
  }
  switch (shape.status) {
    case undefined:
      return `${prefix}: ${quote(shape.message)}; check the network connection to the GitHub API and re-run the job.`
    case 401:
      return `${prefix}: GitHub rejected the token (401 ${said}); check that the github-token input holds a valid, unexpired token.`
    case 403: {
      const permission =
        acceptedPermissions(shape.headers['x-accepted-github-permissions']) ??
        guessPermission(shape)
      const need =
        permission !== undefined ? `the \`${permission}\` permission` : 'a permission it needs'
      const integration = /not accessible by integration/i.test(said)
      return `${prefix}: the token lacks ${need} (403 ${said}); grant it under \`permissions:\` in the workflow${integration ? ', and note that pull requests from forks always get a read-only token (see the workflow_run pattern in docs/GITHUB.md)' : ''}.`
    }
    case 404:
      return `${prefix}: GitHub answered 404 ${said}, which also means the token cannot see the repository or pull request; check the repository, the pull request number and the token's access.`
    case 410:
      return `${prefix}: GitHub answered 410 ${said}; the resource is gone or the feature is disabled for this repository.`
    case 422: {
      const details =
        shape.apiErrors.length > 0 ? ` (${shape.apiErrors.slice(0, 3).map(quote).join(', ')})` : ''
      return `${prefix}: GitHub refused the request as invalid (422 ${said}${details}); this usually means a line outside the diff, a body over the size limit, or a stale commit.`
    }
    default:
      if (shape.status >= 500) {
        return `${prefix}: GitHub had a server error (${shape.status} ${said}); this is on GitHub's side, re-run the job later.`
      }
      return `${prefix}: GitHub answered ${shape.status} ${said}.`
  }
}
