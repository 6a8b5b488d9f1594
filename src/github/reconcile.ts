/**
 * What a run does with review comments, given what it found and what earlier runs posted: keep the
 * comments that still say the right thing, post the missing ones (as one review), delete the ones
 * whose row is gone or fixed, and hand everything that cannot be a review comment back to the
 * summary comment. Pure, so every case is a unit test.
 */
import {
  parseReviewMarker,
  reviewId,
  reviewKey,
  type LeftOutRow,
  type ReviewCandidate
} from '../report/review.js'

export interface ExistingReviewComment {
  id: number
  body?: string | null
  path: string
  /** null when GitHub marks the comment outdated (its line left the diff). */
  line?: number | null
  user: { login: string } | null
}

export interface ReconcileOptions {
  /** Only comments by this login are ours: anyone can paste a marker into their own comment. */
  authorLogin: string
  /** Commentable head-side lines by path (see diff-lines.ts). */
  commentable: Map<string, Set<number>>
  /** At most this many of our comments stand after the run. */
  cap: number
}

export interface ReviewPlan<C extends ExistingReviewComment = ExistingReviewComment> {
  post: ReviewCandidate[]
  keep: C[]
  remove: C[]
  leftOut: LeftOutRow[]
}

function sameLogin(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

export function planReview<C extends ExistingReviewComment>(
  candidates: ReviewCandidate[],
  existing: C[],
  options: ReconcileOptions
): ReviewPlan<C> {
  const ours = new Map<string, C[]>()
  for (const comment of existing) {
    if (comment.user === null || !sameLogin(comment.user.login, options.authorLogin)) continue
    const id = parseReviewMarker(comment.body ?? '')
    if (id === undefined) continue
    const key = reviewKey(id)
    ours.set(key, [...(ours.get(key) ?? []), comment])
  }

  const plan: ReviewPlan<C> = { post: [], keep: [], remove: [], leftOut: [] }
  const cap = Math.max(0, Math.floor(options.cap))
  let standing = 0
  const claimed = new Set<C>()
  for (const candidate of candidates) {
    if (options.commentable.get(candidate.path)?.has(candidate.line) !== true) {
      plan.leftOut.push({ candidate, reason: 'outside-diff' })
      continue
    }
    if (standing >= cap) {
      plan.leftOut.push({ candidate, reason: 'over-cap' })
      continue
    }
    standing += 1
    // A comment on another line (or outdated) no longer points at the row: replace it.
    const current = (ours.get(reviewKey(reviewId(candidate))) ?? []).find(
      (comment) => comment.path === candidate.path && comment.line === candidate.line
    )
    if (current !== undefined) {
      plan.keep.push(current)
      claimed.add(current)
    } else {
      plan.post.push(candidate)
    }
  }
  for (const comments of ours.values()) {
    for (const comment of comments) if (!claimed.has(comment)) plan.remove.push(comment)
  }
  return plan
}
