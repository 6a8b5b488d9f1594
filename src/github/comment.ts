/**
 * The one summary comment per pull request, found again by its hidden marker and edited in place
 * (or, with hide-and-recreate, minimized and posted anew). Only a comment the same account wrote
 * is ever edited: anyone can paste the marker into their own comment, and overwriting it would let
 * the gate rewrite (or be steered by) other people's words.
 */
import type { ClientType } from './client.js'

export const DEFAULT_AUTHOR_LOGIN = 'github-actions[bot]'
export const COMMENT_BODY_LIMIT = 65536

export interface StickyCommentTarget {
  owner: string
  repo: string
  issueNumber: number
  body: string
  marker: string
  /** Login the token posts as; see resolveAuthorLogin. */
  authorLogin?: string
  /**
   * `update` edits the comment in place; `hide-and-recreate` minimizes it as outdated and posts a
   * new one at the bottom of the conversation (falling back to `update` when minimizing fails).
   */
  mode?: StickyCommentMode
  /** false: only an existing comment is brought up to date (comment: on-failure on a pass). */
  createIfMissing?: boolean
  /** Told why hide-and-recreate fell back to an update. */
  onFallback?: (error: unknown) => void
}

export type StickyCommentMode = 'update' | 'hide-and-recreate'

export interface StickyCommentResult {
  /** Empty when nothing was there and nothing was created. */
  url: string
  action: 'created' | 'updated' | 'unchanged' | 'recreated' | 'skipped'
}

interface IssueComment {
  id: number
  node_id?: string
  body?: string | null
  html_url: string
  created_at: string
  user: { login: string } | null
}

function sameLogin(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

/** GitHub stores bodies with the line endings it was sent, but editors may add CRLF. */
function normalize(body: string): string {
  return body.replace(/\r\n/g, '\n')
}

function isNewer(a: IssueComment, b: IssueComment): boolean {
  const difference = Date.parse(a.created_at) - Date.parse(b.created_at)
  return difference > 0 || ((difference === 0 || Number.isNaN(difference)) && a.id > b.id)
}

/** The newest comment by `authorLogin` whose body starts with `marker`. */
export function findStickyComment<T extends IssueComment>(
  comments: T[],
  marker: string,
  authorLogin: string
): T | undefined {
  let newest: T | undefined
  for (const comment of comments) {
    if (comment.user === null || !sameLogin(comment.user.login, authorLogin)) continue
    if (!(comment.body ?? '').startsWith(marker)) continue
    if (newest === undefined || isNewer(comment, newest)) {
      newest = comment
    }
  }
  return newest
}

async function listComments(
  octokit: ClientType,
  target: StickyCommentTarget
): Promise<IssueComment[]> {
  const comments: IssueComment[] = []
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100
  })
  for await (const page of pages) comments.push(...page.data)
  return comments
}

export async function upsertStickyComment(
  octokit: ClientType,
  target: StickyCommentTarget
): Promise<StickyCommentResult> {
  if (!target.body.startsWith(target.marker)) {
    throw new Error('The comment body must start with its marker, or it cannot be found again')
  }
  if (target.body.length > COMMENT_BODY_LIMIT) {
    throw new RangeError(
      `The comment body has ${target.body.length} characters; GitHub accepts at most ${COMMENT_BODY_LIMIT}`
    )
  }
  const authorLogin = target.authorLogin ?? DEFAULT_AUTHOR_LOGIN
  const existing = findStickyComment(
    await listComments(octokit, target),
    target.marker,
    authorLogin
  )
  const { owner, repo } = target
  if (existing === undefined) {
    if (target.createIfMissing === false) return { url: '', action: 'skipped' }
    const { data } = await octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: target.issueNumber,
      body: target.body
    })
    return { url: data.html_url, action: 'created' }
  }
  if (normalize(existing.body ?? '') === normalize(target.body)) {
    return { url: existing.html_url, action: 'unchanged' }
  }
  if (target.mode === 'hide-and-recreate' && existing.node_id !== undefined) {
    let minimized = false
    try {
      await minimizeComment(octokit, existing.node_id)
      minimized = true
    } catch (error) {
      target.onFallback?.(error)
    }
    if (minimized) {
      const { data } = await octokit.rest.issues.createComment({
        owner,
        repo,
        issue_number: target.issueNumber,
        body: target.body
      })
      return { url: data.html_url, action: 'recreated' }
    }
  }
  const { data } = await octokit.rest.issues.updateComment({
    owner,
    repo,
    comment_id: existing.id,
    body: target.body
  })
  return { url: data.html_url, action: 'updated' }
}

const MINIMIZE_COMMENT = `mutation($id: ID!) {
  minimizeComment(input: { subjectId: $id, classifier: OUTDATED }) { minimizedComment { isMinimized } }
}`

/** Collapses a comment as outdated (GraphQL only: REST has no minimize). */
export async function minimizeComment(octokit: ClientType, nodeId: string): Promise<void> {
  await octokit.graphql(MINIMIZE_COMMENT, { id: nodeId })
}

/**
 * The login the token comments as. `GET /user` answers for personal and app user tokens; the
 * workflow's GITHUB_TOKEN (and app installation tokens) get 403, and then comments are posted by
 * github-actions[bot]. An installation token of another app posts as `<app>[bot]`, which only
 * the caller can know, so it should pass authorLogin explicitly.
 */
export async function resolveAuthorLogin(octokit: ClientType): Promise<string> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated()
    return data.login
  } catch (error) {
    const status = (error as { status?: unknown } | null)?.status
    if (status === 403 || status === 404) return DEFAULT_AUTHOR_LOGIN
    throw error
  }
}
