import { syncReviewComments } from '../../src/github/review.js'
import { selectReviewCandidates } from '../../src/report/review.js'
import { HttpError, appendPatch, fakeGitHub } from './fake-github.js'
import { invisible, nearDuplicates, report } from './report-fixture.js'

const bot = 'github-actions[bot]'
const target = { owner: 'o', repo: 'r', pullNumber: 7, commitId: 'head', authorLogin: bot }
const candidates = selectReviewCandidates(report([invisible, nearDuplicates]))
const diff = [{ filename: 'data/train.jsonl', status: 'modified', patch: appendPatch(600, 40) }]

describe('syncReviewComments', () => {
  it('posts one COMMENT review with RIGHT-side line comments', async () => {
    const { octokit, state } = fakeGitHub({ files: diff })
    const outcome = await syncReviewComments(octokit, target, candidates, { cap: 20 })
    expect(outcome).toMatchObject({ posted: 6, kept: 0, deleted: 0, leftOut: [], warnings: [] })
    expect(state.reviews).toHaveLength(1)
    const [review] = state.reviews
    expect(review).toMatchObject({ commit_id: 'head', event: 'COMMENT' })
    expect(review.body).toContain('6 added rows')
    expect(review.comments.map((comment) => [comment.line, comment.side])).toEqual([
      [601, 'RIGHT'],
      [605, 'RIGHT'],
      [612, 'RIGHT'],
      [630, 'RIGHT'],
      [620, 'RIGHT'],
      [621, 'RIGHT']
    ])
  })

  it('adds nothing on a re-run with the same findings, and deletes what was fixed', async () => {
    const { octokit, state } = fakeGitHub({ files: diff })
    await syncReviewComments(octokit, target, candidates, { cap: 20 })
    const again = await syncReviewComments(octokit, target, candidates, { cap: 20 })
    expect(again).toMatchObject({ posted: 0, kept: 6, deleted: 0 })
    expect(state.reviews).toHaveLength(1)
    const fixed = await syncReviewComments(octokit, target, candidates.slice(1), { cap: 20 })
    expect(fixed).toMatchObject({ posted: 0, kept: 5, deleted: 1 })
    expect(state.reviewComments).toHaveLength(5)
    const passed = await syncReviewComments(octokit, target, [], { cap: 20 })
    expect(passed).toMatchObject({ deleted: 5 })
    expect(state.reviewComments).toEqual([])
  })

  it('reads every page of files and comments', async () => {
    const files = [
      ...Array.from({ length: 150 }, (_, index) => ({
        filename: `other/${index}.txt`,
        status: 'added',
        patch: '@@ -0,0 +1 @@\n+x'
      })),
      ...diff
    ]
    const { octokit, state } = fakeGitHub({ files })
    const outcome = await syncReviewComments(octokit, target, candidates, { cap: 20 })
    expect(outcome.posted).toBe(6)
    expect(state.calls.filter((route) => route === 'listFiles')).toHaveLength(2)
  })

  it('moves rows to the summary when GitHub refuses the review (422)', async () => {
    const { octokit, state } = fakeGitHub({
      files: diff,
      failures: {
        createReview: new HttpError(422, 'Unprocessable Entity', {
          data: { message: 'Validation Failed' },
          headers: {}
        })
      }
    })
    const outcome = await syncReviewComments(octokit, target, candidates, { cap: 20 })
    expect(outcome.posted).toBe(0)
    expect(outcome.leftOut.map((row) => row.reason)).toEqual(Array(6).fill('refused'))
    expect(outcome.warnings).toHaveLength(1)
    expect(outcome.warnings[0]).toMatch(/422.*summary comment instead/)
    expect(state.reviewComments).toEqual([])
  })

  it('throws a 403 for the caller to degrade, and a 5xx while listing', async () => {
    const denied = fakeGitHub({
      files: diff,
      failures: { createReview: new HttpError(403, 'Resource not accessible by integration') }
    })
    await expect(
      syncReviewComments(denied.octokit, target, candidates, { cap: 20 })
    ).rejects.toMatchObject({ status: 403 })
    const outage = fakeGitHub({
      files: diff,
      failures: { listFiles: new HttpError(502, 'Bad Gateway') }
    })
    await expect(
      syncReviewComments(outage.octokit, target, candidates, { cap: 20 })
    ).rejects.toMatchObject({ status: 502 })
  })

  it('ignores a comment someone already deleted and warns about other delete failures', async () => {
    const { octokit, state } = fakeGitHub({ files: diff })
    await syncReviewComments(octokit, target, candidates.slice(0, 2), { cap: 20 })
    state.failures.deleteReviewComment = new HttpError(500, 'Server Error')
    const outcome = await syncReviewComments(octokit, target, [], { cap: 20 })
    expect(outcome.deleted).toBe(0)
    expect(outcome.warnings).toHaveLength(2)
    expect(outcome.warnings[0]).toMatch(/delete an outdated review comment.*server error/)
    state.failures.deleteReviewComment = new HttpError(404, 'Not Found')
    await expect(syncReviewComments(octokit, target, [], { cap: 20 })).resolves.toMatchObject({
      warnings: []
    })
  })
})
