/**
 * Review comments on the pull request: reads its diff and our earlier comments, applies the plan
 * from reconcile.ts, and reports what could not be posted so the summary comment can list it.
 */
import {
  reviewCommentBody,
  reviewSummaryBody,
  type LeftOutRow,
  type ReviewCandidate
} from '../report/review.js'
import type { ClientType } from './client.js'
import { commentableLines, type PullFile } from './diff-lines.js'
import { describeGitHubError } from './errors.js'
import { statusOf } from './status.js'
import { planReview, type ExistingReviewComment } from './reconcile.js'

export interface ReviewTarget {
  owner: string
  repo: string
  pullNumber: number
  /** The analysed head commit: line numbers refer to it. */
  commitId: string
  authorLogin: string
}

export interface ReviewOptions {
  cap: number
  overrideLabel?: string
}

export interface ReviewOutcome {
  posted: number
  kept: number
  deleted: number
  leftOut: LeftOutRow[]
  /** Set when part of the work failed without stopping the rest (422 on the review, a delete). */
  warnings: string[]
}

interface ReviewComment extends ExistingReviewComment {
  html_url: string
}

async function listPullFiles(octokit: ClientType, target: ReviewTarget): Promise<PullFile[]> {
  const files: PullFile[] = []
  const pages = octokit.paginate.iterator(octokit.rest.pulls.listFiles, {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.pullNumber,
    per_page: 100
  })
  for await (const page of pages) files.push(...page.data)
  return files
}

async function listReviewComments(
  octokit: ClientType,
  target: ReviewTarget
): Promise<ReviewComment[]> {
  const comments: ReviewComment[] = []
  const pages = octokit.paginate.iterator(octokit.rest.pulls.listReviewComments, {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.pullNumber,
    per_page: 100
  })
  for await (const page of pages) comments.push(...page.data)
  return comments
}

/**
 * Errors listing the diff or the comments, or a 403 on the review, are thrown: the caller decides
 * how publishing degrades. A 422 on the review (a line GitHub will not take after all) moves the
 * rows to the summary comment instead.
 */
export async function syncReviewComments(
  octokit: ClientType,
  target: ReviewTarget,
  candidates: ReviewCandidate[],
  options: ReviewOptions
): Promise<ReviewOutcome> {
  const [files, existing] = await Promise.all([
    listPullFiles(octokit, target),
    listReviewComments(octokit, target)
  ])
  const plan = planReview(candidates, existing, {
    authorLogin: target.authorLogin,
    commentable: commentableLines(files),
    cap: options.cap
  })
  const outcome: ReviewOutcome = {
    posted: 0,
    kept: plan.keep.length,
    deleted: 0,
    leftOut: [...plan.leftOut],
    warnings: []
  }
  if (plan.post.length > 0) {
    try {
      await octokit.rest.pulls.createReview({
        owner: target.owner,
        repo: target.repo,
        pull_number: target.pullNumber,
        commit_id: target.commitId,
        event: 'COMMENT',
        body: reviewSummaryBody(plan.post.length),
        comments: plan.post.map((candidate) => ({
          path: candidate.path,
          line: candidate.line,
          side: 'RIGHT',
          body: reviewCommentBody(candidate, { overrideLabel: options.overrideLabel })
        }))
      })
      outcome.posted = plan.post.length
    } catch (error) {
      if (statusOf(error) !== 422) throw error
      outcome.warnings.push(
        `${describeGitHubError(error, 'post the review comments')} The rows are listed in the summary comment instead.`
      )
      outcome.leftOut.push(
        ...plan.post.map((candidate) => ({ candidate, reason: 'refused' as const }))
      )
    }
  }
  for (const comment of plan.remove) {
    try {
      await octokit.rest.pulls.deleteReviewComment({
        owner: target.owner,
        repo: target.repo,
        comment_id: comment.id
      })
      outcome.deleted += 1
    } catch (error) {
      // Already deleted by someone else: the goal is reached.
      if (statusOf(error) === 404) continue
      if (statusOf(error) === 403) throw error
      outcome.warnings.push(describeGitHubError(error, 'delete an outdated review comment'))
    }
  }
  return outcome
}
