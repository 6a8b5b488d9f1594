/**
 * The pull request a run publishes to, read from the event: its number, whether the token can
 * write to it, and the commit GitHub vouches for. Pure over the event payload and environment.
 */

export interface EventContext {
  eventName: string
  payload: Record<string, unknown>
  repo: { owner: string; repo: string }
}

export interface PullRequestTarget {
  owner: string
  repo: string
  number: number
  /** Label names when the event carried them; undefined means ask the API. */
  labels: string[] | undefined
  /**
   * GitHub gives `pull_request` runs from forks a read-only token whatever the workflow asks for,
   * so writing is not even tried.
   */
  fork: boolean
  readOnlyToken: boolean
  /**
   * The head commit GitHub says this run is about (workflow_run's head_sha). A report published
   * from an artifact must match it, and so must the pull request, or the artifact (written by PR
   * code) could point the comment at another pull request.
   */
  trustedHead: string | undefined
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

function fullName(side: unknown): string | undefined {
  return text(record(record(side)?.repo)?.full_name)
}

function labelNames(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined
  return value.map((label) => text(record(label)?.name)).filter((name) => name !== undefined)
}

/**
 * @param explicitNumber the `pull-request-number` input, for runs whose event is not the pull
 * request itself (workflow_run, workflow_dispatch).
 */
export function pullRequestTarget(
  context: EventContext,
  explicitNumber?: number
): PullRequestTarget | undefined {
  const pullRequest = record(context.payload.pull_request)
  const { owner, repo } = context.repo
  if (pullRequest !== undefined && typeof pullRequest.number === 'number') {
    const head = fullName(pullRequest.head)
    const base = fullName(pullRequest.base)
    // A deleted fork has no head repository: still a fork.
    const fork = head === undefined || base === undefined || head !== base
    return {
      owner,
      repo,
      number: explicitNumber ?? pullRequest.number,
      labels: labelNames(pullRequest.labels),
      fork,
      readOnlyToken: fork && context.eventName === 'pull_request',
      trustedHead: undefined
    }
  }
  if (explicitNumber === undefined) return undefined
  const workflowRun = record(context.payload.workflow_run)
  return {
    owner,
    repo,
    number: explicitNumber,
    labels: undefined,
    fork: false,
    readOnlyToken: false,
    trustedHead: text(workflowRun?.head_sha)
  }
}

/**
 * Where the job summary is: for a workflow_run publisher, the analysing run; otherwise this run.
 * undefined outside Actions.
 */
export function jobSummaryUrl(
  context: EventContext,
  env: Record<string, string | undefined> = process.env
): string | undefined {
  const analysingRun = text(record(context.payload.workflow_run)?.html_url)
  if (context.eventName === 'workflow_run' && analysingRun !== undefined) return analysingRun
  const server = env.GITHUB_SERVER_URL
  const repository = env.GITHUB_REPOSITORY
  const runId = env.GITHUB_RUN_ID
  if (!server || !repository || !runId) return undefined
  return `${server.replace(/\/+$/, '')}/${repository}/actions/runs/${runId}`
}
