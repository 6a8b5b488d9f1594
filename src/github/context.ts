/** The Actions event as pull-request.ts reads it; undefined outside Actions (no GITHUB_REPOSITORY). */
import * as github from '@actions/github'
import type { EventContext } from './pull-request.js'

export function actionsContext(): EventContext | undefined {
  try {
    return {
      eventName: github.context.eventName,
      payload: github.context.payload as Record<string, unknown>,
      repo: github.context.repo
    }
  } catch {
    // github.context.repo throws without GITHUB_REPOSITORY: there is no pull request to talk to.
    return undefined
  }
}
