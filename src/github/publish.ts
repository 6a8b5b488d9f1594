import * as core from '@actions/core'
import * as github from '@actions/github'
import { DEFAULT_MARKER, renderComment, renderJobSummary } from '../report/markdown.js'
import type { Report } from '../types.js'
import { createClient } from './client.js'
import { resolveAuthorLogin, upsertStickyComment } from './comment.js'
import { describeGitHubError } from './errors.js'
import { writeJobSummary } from './summary.js'

export type CommentMode = 'always' | 'on-failure' | 'never'

export interface PublishInputs {
  token: string
  comment: CommentMode
  pullNumber: number | undefined
}

/**
 * Everything the action shows on GitHub: job summary, then the sticky comment. Each failure is a
 * warning that names what to fix; none of them changes the verdict.
 */
export async function publish(report: Report, inputs: PublishInputs): Promise<void> {
  const { pullNumber } = inputs
  const summary = renderJobSummary(report)
  const written = await writeJobSummary(summary)
  if (written === 'shortened')
    core.warning('The job summary was over 1 MiB and was shortened; see the JSON report.')

  const wantsComment =
    inputs.comment === 'always' || (inputs.comment === 'on-failure' && report.verdict !== 'pass')
  if (!wantsComment || pullNumber === undefined) return
  if (!inputs.token) {
    core.warning('No github-token: the summary comment was not posted.')
    return
  }
  try {
    const octokit = createClient(inputs.token)
    const { owner, repo } = github.context.repo
    const body = renderComment(report, { marker: DEFAULT_MARKER })
    const authorLogin = await resolveAuthorLogin(octokit)
    const result = await upsertStickyComment(octokit, {
      owner,
      repo,
      issueNumber: pullNumber,
      body,
      marker: DEFAULT_MARKER,
      authorLogin
    })
    core.setOutput('comment-url', result.url)
    core.info(`Summary comment ${result.action}: ${result.url}`)
  } catch (error) {
    core.warning(describeGitHubError(error, 'post the summary comment'))
  }
}
