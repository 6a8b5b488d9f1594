import { planReview, type ExistingReviewComment } from '../../src/github/reconcile.js'
import { reviewId, reviewMarker, selectReviewCandidates } from '../../src/report/review.js'
import { invisible, nearDuplicates, report } from './report-fixture.js'

const bot = 'github-actions[bot]'
const candidates = selectReviewCandidates(report([invisible, nearDuplicates]))
const everyLine = new Map([
  ['data/train.jsonl', new Set(Array.from({ length: 700 }, (_, i) => i + 1))]
])

function ours(
  id: number,
  index: number,
  line: number | null = candidates[index].line
): ExistingReviewComment {
  return {
    id,
    body: `${reviewMarker(reviewId(candidates[index]))}\nold text`,
    path: candidates[index].path,
    line,
    user: { login: bot }
  }
}

describe('planReview', () => {
  it('posts everything on the first run', () => {
    const plan = planReview(candidates, [], { authorLogin: bot, commentable: everyLine, cap: 20 })
    expect(plan.post).toEqual(candidates)
    expect([plan.keep, plan.remove, plan.leftOut]).toEqual([[], [], []])
  })

  it('leaves unchanged comments alone, posts new ones, deletes stale ones', () => {
    const stale: ExistingReviewComment = {
      id: 99,
      body: reviewMarker({
        path: 'data/train.jsonl',
        checks: ['unicode.invisible'],
        rowId: 'fixed-row'
      }),
      path: 'data/train.jsonl',
      line: 700,
      user: { login: bot }
    }
    const existing = [ours(1, 0), ours(2, 1), stale]
    const plan = planReview(candidates, existing, {
      authorLogin: bot,
      commentable: everyLine,
      cap: 20
    })
    expect(plan.keep.map((comment) => comment.id)).toEqual([1, 2])
    expect(plan.post).toEqual(candidates.slice(2))
    expect(plan.remove.map((comment) => comment.id)).toEqual([99])
  })

  it('replaces a comment whose row moved or that GitHub marked outdated', () => {
    const plan = planReview(candidates.slice(0, 2), [ours(1, 0, 3), ours(2, 1, null)], {
      authorLogin: bot,
      commentable: everyLine,
      cap: 20
    })
    expect(plan.keep).toEqual([])
    expect(plan.post).toEqual(candidates.slice(0, 2))
    expect(plan.remove.map((comment) => comment.id)).toEqual([1, 2])
  })

  it('never touches comments by others, even with our marker', () => {
    const forged = { ...ours(1, 0), user: { login: 'mallory' } }
    const ghost = { ...ours(2, 1), user: null }
    const plan = planReview(candidates.slice(0, 2), [forged, ghost], {
      authorLogin: 'GitHub-Actions[bot]',
      commentable: everyLine,
      cap: 20
    })
    expect(plan.post).toHaveLength(2)
    expect(plan.remove).toEqual([])
  })

  it('keeps the most severe rows under the cap and hands the rest back', () => {
    const plan = planReview(candidates, [ours(1, 5)], {
      authorLogin: bot,
      commentable: everyLine,
      cap: 3
    })
    expect(plan.post.map((item) => item.line)).toEqual([601, 605, 612])
    expect(plan.leftOut.map((row) => [row.candidate.line, row.reason])).toEqual([
      [630, 'over-cap'],
      [620, 'over-cap'],
      [621, 'over-cap']
    ])
    expect(plan.remove.map((comment) => comment.id)).toEqual([1])
  })

  it('hands back rows outside the diff without counting them against the cap', () => {
    const commentable = new Map([['data/train.jsonl', new Set([605, 620])]])
    const plan = planReview(candidates, [], { authorLogin: bot, commentable, cap: 2 })
    expect(plan.post.map((item) => item.line)).toEqual([605, 620])
    expect(plan.leftOut.filter((row) => row.reason === 'outside-diff')).toHaveLength(4)
    const none = planReview(candidates, [], { authorLogin: bot, commentable: new Map(), cap: 20 })
    expect(none.post).toEqual([])
    expect(none.leftOut).toHaveLength(6)
  })

  it('replaces a comment when another check starts flagging its row', () => {
    const grown = {
      ...candidates[0],
      items: [
        ...candidates[0].items,
        { check: 'trigger.token', severity: 'warn' as const, title: 't', why: 'w' }
      ]
    }
    const plan = planReview([grown], [ours(1, 0)], {
      authorLogin: bot,
      commentable: everyLine,
      cap: 20
    })
    expect(plan.post).toEqual([grown])
    expect(plan.remove.map((comment) => comment.id)).toEqual([1])
  })

  it('a cap of 0 posts nothing and removes what earlier runs posted', () => {
    const plan = planReview(candidates, [ours(1, 0)], {
      authorLogin: bot,
      commentable: everyLine,
      cap: 0
    })
    expect(plan.post).toEqual([])
    expect(plan.remove.map((comment) => comment.id)).toEqual([1])
    expect(plan.leftOut).toHaveLength(6)
  })
})
