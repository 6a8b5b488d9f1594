/**
 * Everything the action shows on GitHub, in order: job summary and annotations (always possible),
 * then review comments and the summary comment on the pull request. Every failure is a warning
 * that says what to fix, and none of them changes the verdict. Without write access (a fork's
 * pull_request run, a token without `pull-requests: write`) publishing stops at the first sign of
 * it with one warning, instead of one per call.
 */
import * as core from '@actions/core'
import { DEFAULT_MARKER, renderComment, renderJobSummary } from '../report/markdown.js'
import { renderLeftOutSection, selectReviewCandidates, type LeftOutRow } from '../report/review.js'
import type { Report } from '../types.js'
import { emitAnnotations } from './annotations.js'
import { createClient, type ClientType } from './client.js'
import { actionsContext } from './context.js'
import { COMMENT_BODY_LIMIT, resolveAuthorLogin, upsertStickyComment } from './comment.js'
import { describeGitHubError } from './errors.js'
import {
  jobSummaryUrl,
  pullRequestTarget,
  type EventContext,
  type PullRequestTarget
} from './pull-request.js'
import { syncReviewComments, type ReviewOutcome } from './review.js'
import { isPermissionDenied, statusOf } from './status.js'
import { writeJobSummary } from './summary.js'

export type CommentMode = 'always' | 'on-failure' | 'never'

export const DEFAULT_MAX_REVIEW_COMMENTS = 20

/** Room kept in the summary comment for the rows that got no review comment. */
const LEFT_OUT_SECTION_MAX = 12_000

export interface PublishInputs {
  token: string
  comment: CommentMode
  pullNumber: number | undefined
  /** Review comments on the flagged added lines (default true). */
  reviewComments?: boolean
  maxReviewComments?: number
  /** Minimize the previous summary comment and post a new one instead of editing it. */
  hideAndRecreate?: boolean
  /** Name of the artifact the workflow uploads the JSON report under, for the comment's pointer. */
  artifactName?: string
  /** Mentioned in review comments as the way to accept flagged rows. */
  overrideLabel?: string
  /** false for the workflow_run publisher: the analysing run already annotated its own job. */
  annotations?: boolean
  /** The event; github.context by default (tests pass their own). */
  context?: EventContext
  client?: ClientType
}

export interface PublishResult {
  commentUrl?: string
  review?: ReviewOutcome
  /** Why the pull request was not (fully) published to, when it was not. */
  degraded?: 'fork' | 'no-token' | 'denied' | 'mismatch'
}

export const FORK_WARNING =
  'This pull request comes from a fork, and GitHub gives such pull_request runs a read-only token: the summary comment and review comments were not posted. The verdict, the job summary and the annotations are complete. To comment on pull requests from forks, publish from a workflow_run workflow (see docs/GITHUB.md).'

export type CommentPlan = 'upsert' | 'update-only' | 'none'

/**
 * `on-failure` on a passing run still updates an earlier comment, so a fixed pull request does
 * not keep showing an old failure.
 */
export function commentPlan(mode: CommentMode, verdict: Report['verdict']): CommentPlan {
  if (mode === 'never') return 'none'
  if (mode === 'always' || verdict !== 'pass') return 'upsert'
  return 'update-only'
}

/** 401, 403 (not a rate limit) and 404 mean every further call would fail the same way. */
function isFatal(error: unknown): boolean {
  const status = statusOf(error)
  return status === 401 || status === 404 || isPermissionDenied(error)
}

const STOPPED =
  ' Nothing more is posted to the pull request in this run; the verdict, job summary and annotations are unaffected.'

export async function publish(report: Report, inputs: PublishInputs): Promise<PublishResult> {
  const context = inputs.context ?? actionsContext()
  const summaryUrl = context !== undefined ? jobSummaryUrl(context) : undefined
  const artifactName = inputs.artifactName ? inputs.artifactName : undefined

  const written = await writeJobSummary(renderJobSummary(report, { artifactName }))
  if (written === 'shortened') {
    core.warning('The job summary was over 1 MiB and was shortened; see the JSON report.')
  }
  if (inputs.annotations !== false) emitAnnotations(report)

  const target = context !== undefined ? pullRequestTarget(context, inputs.pullNumber) : undefined
  if (target === undefined) return {}
  const plan = commentPlan(inputs.comment, report.verdict)
  const wantsReview = inputs.reviewComments !== false
  if (plan === 'none' && !wantsReview) return {}
  if (target.readOnlyToken) {
    core.warning(FORK_WARNING)
    return { degraded: 'fork' }
  }
  if (!inputs.token) {
    core.warning('No github-token: the summary comment and review comments were not posted.')
    return { degraded: 'no-token' }
  }

  const octokit = inputs.client ?? createClient(inputs.token)
  const result: PublishResult = {}
  const fail = (error: unknown, action: string): boolean => {
    const fatal = isFatal(error)
    core.warning(`${describeGitHubError(error, action)}${fatal ? STOPPED : ''}`)
    if (fatal) result.degraded = 'denied'
    return fatal
  }

  let authorLogin: string
  try {
    const mismatch = await verifyTrustedHead(octokit, report, target)
    if (mismatch !== undefined) {
      core.warning(mismatch)
      return { degraded: 'mismatch' }
    }
    authorLogin = await resolveAuthorLogin(octokit)
  } catch (error) {
    fail(error, `read pull request #${target.number}`)
    return { ...result, degraded: result.degraded ?? 'denied' }
  }

  let leftOut: LeftOutRow[] = []
  if (wantsReview) {
    const candidates = selectReviewCandidates(report)
    try {
      const outcome = await syncReviewComments(
        octokit,
        {
          owner: target.owner,
          repo: target.repo,
          pullNumber: target.number,
          commitId: report.head,
          authorLogin
        },
        candidates,
        {
          cap: inputs.maxReviewComments ?? DEFAULT_MAX_REVIEW_COMMENTS,
          overrideLabel: inputs.overrideLabel
        }
      )
      for (const warning of outcome.warnings) core.warning(warning)
      core.info(
        `Review comments: ${outcome.posted} posted, ${outcome.kept} kept, ${outcome.deleted} deleted, ${outcome.leftOut.length} listed in the summary comment.`
      )
      result.review = outcome
      leftOut = outcome.leftOut
    } catch (error) {
      if (fail(error, 'update the review comments')) return result
      leftOut = candidates.map((candidate) => ({ candidate, reason: 'failed' }))
    }
  }

  if (plan === 'none') return result
  try {
    const section = renderLeftOutSection(leftOut, LEFT_OUT_SECTION_MAX)
    const body = renderComment(report, {
      marker: DEFAULT_MARKER,
      jobSummaryUrl: summaryUrl,
      artifactName,
      maxLength: COMMENT_BODY_LIMIT - (section === '' ? 0 : section.length + 2)
    })
    const comment = await upsertStickyComment(octokit, {
      owner: target.owner,
      repo: target.repo,
      issueNumber: target.number,
      body: section === '' ? body : `${body}\n\n${section}`,
      marker: DEFAULT_MARKER,
      authorLogin,
      mode: inputs.hideAndRecreate === true ? 'hide-and-recreate' : 'update',
      createIfMissing: plan === 'upsert',
      onFallback: (error) =>
        core.warning(
          `${describeGitHubError(error, 'minimize the previous summary comment')} It was updated in place instead.`
        )
    })
    if (comment.url !== '') {
      result.commentUrl = comment.url
      core.setOutput('comment-url', comment.url)
      core.info(`Summary comment ${comment.action}: ${comment.url}`)
    }
  } catch (error) {
    fail(error, 'post the summary comment')
  }
  return result
}

/**
 * For a report from an artifact: the report and the pull request must both be at the commit
 * GitHub says the analysing run was about, or the comment would describe other code (or land on
 * a pull request the artifact's writer chose).
 */
async function verifyTrustedHead(
  octokit: ClientType,
  report: Report,
  target: PullRequestTarget
): Promise<string | undefined> {
  const trusted = target.trustedHead
  if (trusted === undefined) return undefined
  const skip = 'Nothing was posted to the pull request.'
  if (report.head !== trusted) {
    return `The report is about commit ${report.head.slice(0, 12)}, but the workflow run that produced it was for ${trusted.slice(0, 12)}. ${skip}`
  }
  const { data } = await octokit.rest.pulls.get({
    owner: target.owner,
    repo: target.repo,
    pull_number: target.number
  })
  if (data.head.sha !== trusted) {
    return `Pull request #${target.number} is at ${data.head.sha.slice(0, 12)}, not at the analysed commit ${trusted.slice(0, 12)} (it has new commits, or the pull request number does not belong to that run). ${skip}`
  }
  return undefined
}
