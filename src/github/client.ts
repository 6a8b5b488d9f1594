/**
 * The Octokit client: @actions/github's, plus retries for transient failures and throttling that
 * waits out rate limits a couple of times before giving up (a run should not hang for an hour).
 */
import * as core from '@actions/core'
import * as github from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'

export type ClientType = ReturnType<typeof github.getOctokit>

export interface ClientOptions {
  /** API root for GitHub Enterprise Server; by default GITHUB_API_URL or api.github.com. */
  baseUrl?: string
}

export const MAX_RATE_LIMIT_RETRIES = 2

interface LimitedRequest {
  method: string
  url: string
}

/**
 * The throttling plugin's handler: `true` retries after `retryAfter` seconds. Kept separate from
 * the client so the policy can be tested without a server.
 */
export function rateLimitHandler(
  kind: 'primary' | 'secondary',
  warn: (message: string) => void = core.warning
): (retryAfter: number, request: LimitedRequest, octokit: unknown, retryCount: number) => boolean {
  const what = kind === 'primary' ? 'rate limit' : 'secondary rate limit'
  return (retryAfter, request, _octokit, retryCount) => {
    const call = `${request.method} ${request.url}`
    if (retryCount < MAX_RATE_LIMIT_RETRIES) {
      warn(
        `GitHub API ${what} hit for ${call}; waiting ${retryAfter} s before retry ${retryCount + 1} of ${MAX_RATE_LIMIT_RETRIES}.`
      )
      return true
    }
    warn(`GitHub API ${what} hit for ${call}; giving up after ${MAX_RATE_LIMIT_RETRIES} retries.`)
    return false
  }
}

export function createClient(token: string, options: ClientOptions = {}): ClientType {
  return github.getOctokit(
    token,
    {
      // An explicit `baseUrl: undefined` would override the GITHUB_API_URL default, so it is
      // only set when given.
      ...(options.baseUrl !== undefined ? { baseUrl: options.baseUrl } : {}),
      throttle: {
        onRateLimit: rateLimitHandler('primary'),
        onSecondaryRateLimit: rateLimitHandler('secondary')
      }
    },
    retry,
    throttling
  )
}
