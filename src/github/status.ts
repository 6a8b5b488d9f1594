/** The HTTP status of an Octokit RequestError (or anything shaped like one); undefined otherwise. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const status = (error as { status?: unknown }).status
  return typeof status === 'number' ? status : undefined
}

/**
 * A 403 that is a missing permission, as opposed to a rate limit (also 403 on GitHub), which
 * the throttling plugin already waited out and which a later run may not hit.
 */
export function isPermissionDenied(error: unknown): boolean {
  if (statusOf(error) !== 403) return false
  const response = (error as { response?: { headers?: Record<string, unknown> } }).response
  const remaining = response?.headers?.['x-ratelimit-remaining']
  const message = error instanceof Error ? error.message : ''
  return String(remaining) !== '0' && !/rate limit/i.test(message)
}
