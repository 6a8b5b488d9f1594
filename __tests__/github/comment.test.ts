import {
  findStickyComment,
  resolveAuthorLogin,
  upsertStickyComment
} from '../../src/github/comment.js'
import { comment, fakeOctokit } from './fake-octokit.js'

const marker = '<!-- dataset-gate:summary -->'
const bot = 'github-actions[bot]'
const target = { owner: 'o', repo: 'r', issueNumber: 7, marker }
const body = (text: string): string => `${marker}\n${text}`

describe('upsertStickyComment', () => {
  it('creates the comment when there is none', async () => {
    const { octokit, calls } = fakeOctokit([comment(1, 'LGTM', 'alice')])
    const result = await upsertStickyComment(octokit, { ...target, body: body('new') })
    expect(result).toEqual({
      url: 'https://github.com/o/r/pull/7#issuecomment-1001',
      action: 'created'
    })
    expect(calls.create).toEqual([{ owner: 'o', repo: 'r', issue_number: 7, body: body('new') }])
    expect(calls.update).toEqual([])
  })

  it('never edits a comment by someone else, even one carrying the marker', async () => {
    const { octokit, calls } = fakeOctokit([
      comment(1, body('forged by a contributor'), 'mallory', 50),
      comment(2, body('also forged'), 'github-actions', 51),
      comment(3, body('ghost'), null, 52)
    ])
    const result = await upsertStickyComment(octokit, { ...target, body: body('report') })
    expect(result.action).toBe('created')
    expect(calls.update).toEqual([])
  })

  it('updates our newest marker comment, found on a later page', async () => {
    const comments = Array.from({ length: 250 }, (_, index) =>
      comment(index + 1, `chatter ${index}`, 'alice')
    )
    comments[120] = comment(121, body('older report'), bot)
    comments[180] = comment(181, body('latest report'), bot)
    comments[200] = comment(201, `quoting ${marker} mid-body`, bot)
    comments[230] = comment(231, body('forged, newer'), 'mallory')
    const { octokit, calls } = fakeOctokit(comments)
    const result = await upsertStickyComment(octokit, { ...target, body: body('fresh') })
    expect(result).toEqual({
      url: 'https://github.com/o/r/pull/7#issuecomment-181',
      action: 'updated'
    })
    expect(calls.update).toEqual([{ owner: 'o', repo: 'r', comment_id: 181, body: body('fresh') }])
    expect(calls.list.map((params) => [params.page, params.per_page, params.issue_number])).toEqual(
      [
        [1, 100, 7],
        [2, 100, 7],
        [3, 100, 7]
      ]
    )
    expect(calls.create).toEqual([])
  })

  it('does not re-send an unchanged body', async () => {
    const { octokit, calls } = fakeOctokit([comment(5, body('same\r\nreport'), bot)])
    const result = await upsertStickyComment(octokit, { ...target, body: body('same\nreport') })
    expect(result).toEqual({
      url: 'https://github.com/o/r/pull/7#issuecomment-5',
      action: 'unchanged'
    })
    expect(calls.update).toEqual([])
    expect(calls.create).toEqual([])
  })

  it('matches the author login case-insensitively and honours a custom author', async () => {
    const { octokit, calls } = fakeOctokit([comment(9, body('old'), 'My-App[bot]')])
    const result = await upsertStickyComment(octokit, {
      ...target,
      body: body('new'),
      authorLogin: 'my-app[bot]'
    })
    expect(result.action).toBe('updated')
    expect(calls.update[0].comment_id).toBe(9)
  })

  it('refuses bodies it could not find again or GitHub would reject', async () => {
    const { octokit, calls } = fakeOctokit([])
    await expect(upsertStickyComment(octokit, { ...target, body: 'no marker' })).rejects.toThrow(
      /marker/
    )
    await expect(
      upsertStickyComment(octokit, { ...target, body: body('x'.repeat(65536)) })
    ).rejects.toThrow(RangeError)
    expect(calls.list).toEqual([])
  })
})

describe('findStickyComment', () => {
  it('breaks timestamp ties by id', () => {
    const found = findStickyComment(
      [
        comment(3, body('a'), bot, 10),
        comment(4, body('b'), bot, 10),
        comment(2, body('c'), bot, 9)
      ],
      marker,
      bot
    )
    expect(found?.id).toBe(4)
  })
})

describe('resolveAuthorLogin', () => {
  it('uses GET /user when the token can call it', async () => {
    const { octokit } = fakeOctokit([], { user: async () => ({ data: { login: 'octo-pat' } }) })
    await expect(resolveAuthorLogin(octokit)).resolves.toBe('octo-pat')
  })

  it('falls back to github-actions[bot] on 403 and 404', async () => {
    const { octokit } = fakeOctokit([])
    await expect(resolveAuthorLogin(octokit)).resolves.toBe(bot)
    const notFound = fakeOctokit([], {
      user: async () => Promise.reject(Object.assign(new Error('Not Found'), { status: 404 }))
    })
    await expect(resolveAuthorLogin(notFound.octokit)).resolves.toBe(bot)
  })

  it('lets other failures through', async () => {
    const { octokit } = fakeOctokit([], {
      user: async () => Promise.reject(Object.assign(new Error('Bad credentials'), { status: 401 }))
    })
    await expect(resolveAuthorLogin(octokit)).rejects.toThrow('Bad credentials')
  })
})

describe('upsertStickyComment options', () => {
  it('createIfMissing: false leaves a pull request without a comment alone', async () => {
    const { octokit, calls } = fakeOctokit([comment(1, 'LGTM', 'alice')])
    const result = await upsertStickyComment(octokit, {
      ...target,
      body: body('pass'),
      createIfMissing: false
    })
    expect(result).toEqual({ url: '', action: 'skipped' })
    expect(calls.create).toEqual([])
  })

  it('hide-and-recreate without a node id (old API answers) updates in place', async () => {
    const { octokit, calls } = fakeOctokit([comment(1, body('old'), bot)])
    const result = await upsertStickyComment(octokit, {
      ...target,
      body: body('new'),
      mode: 'hide-and-recreate'
    })
    expect(result.action).toBe('updated')
    expect(calls.update).toHaveLength(1)
  })
})
