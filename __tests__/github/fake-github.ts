/**
 * An in-memory pull request behind the parts of Octokit that publishing uses: issue comments,
 * review comments, the PR's files, reviews, issue events, collaborator permissions and GraphQL
 * minimize. Any route can be made to fail with a given status, to test how publishing degrades.
 */
import type { ClientType } from '../../src/github/client.js'

export interface FakeIssueComment {
  id: number
  node_id: string
  body: string
  user: { login: string } | null
  created_at: string
  html_url: string
  minimized?: boolean
}

export interface FakeReviewComment {
  id: number
  body: string
  path: string
  line: number | null
  side?: string
  user: { login: string } | null
  html_url: string
}

export interface FakeFile {
  filename: string
  status: string
  patch?: string
}

export interface FakeEvent {
  event: string
  created_at: string
  actor: { login: string } | null
  label?: { name: string }
}

export interface FakeReview {
  commit_id?: string
  event?: string
  body?: string
  comments: { path: string; line: number; side: string; body: string }[]
}

export type Route =
  | 'getUser'
  | 'listComments'
  | 'createComment'
  | 'updateComment'
  | 'listFiles'
  | 'listReviewComments'
  | 'createReview'
  | 'deleteReviewComment'
  | 'listEvents'
  | 'getPermission'
  | 'getIssue'
  | 'getPull'
  | 'graphql'

export interface FakeState {
  login: string | undefined
  issueComments: FakeIssueComment[]
  reviewComments: FakeReviewComment[]
  files: FakeFile[]
  events: FakeEvent[]
  permissions: Record<string, { permission: string; role_name: string }>
  labels: string[]
  pullHeadSha: string
  reviews: FakeReview[]
  deleted: number[]
  calls: Route[]
  failures: Partial<Record<Route, HttpError>>
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly response: { data: { message: string }; headers: Record<string, string> } = {
      data: { message },
      headers: {}
    },
    readonly request = { method: 'POST', url: 'https://api.github.com/repos/o/r/pulls/7/reviews' }
  ) {
    super(message)
  }
}

let nextId = 5000

export function fakeGitHub(initial: Partial<FakeState> = {}): {
  octokit: ClientType
  state: FakeState
} {
  const state: FakeState = {
    login: undefined,
    issueComments: [],
    reviewComments: [],
    files: [],
    events: [],
    permissions: {},
    labels: [],
    pullHeadSha: 'head',
    reviews: [],
    deleted: [],
    calls: [],
    failures: {},
    ...initial
  }
  const call = (route: Route): void => {
    state.calls.push(route)
    const failure = state.failures[route]
    if (failure !== undefined) throw failure
  }
  const page = <T>(items: T[], params: { per_page?: number; page?: number }) => {
    const size = params.per_page ?? 30
    const number = params.page ?? 1
    return { data: items.slice((number - 1) * size, number * size) }
  }
  const octokit = {
    paginate: {
      iterator: async function* (
        method: (params: { per_page?: number; page?: number }) => Promise<{ data: unknown[] }>,
        params: { per_page?: number }
      ) {
        for (let number = 1; ; number += 1) {
          const response = await method({ ...params, page: number })
          yield response
          if (response.data.length < (params.per_page ?? 30)) return
        }
      }
    },
    graphql: async (_query: string, variables: { id: string }) => {
      call('graphql')
      const comment = state.issueComments.find((item) => item.node_id === variables.id)
      if (comment !== undefined) comment.minimized = true
      return {}
    },
    rest: {
      users: {
        getAuthenticated: async () => {
          call('getUser')
          if (state.login === undefined)
            throw new HttpError(403, 'Resource not accessible by integration')
          return { data: { login: state.login } }
        }
      },
      issues: {
        listComments: async (params: { per_page?: number; page?: number }) => {
          call('listComments')
          return page(state.issueComments, params)
        },
        createComment: async (params: { body: string }) => {
          call('createComment')
          const id = (nextId += 1)
          const comment: FakeIssueComment = {
            id,
            node_id: `IC_${id}`,
            body: params.body,
            user: { login: state.login ?? 'github-actions[bot]' },
            created_at: new Date(Date.UTC(2025, 0, 2) + id * 1000).toISOString(),
            html_url: `https://github.com/o/r/pull/7#issuecomment-${id}`
          }
          state.issueComments.push(comment)
          return { data: comment }
        },
        updateComment: async (params: { comment_id: number; body: string }) => {
          call('updateComment')
          const comment = state.issueComments.find((item) => item.id === params.comment_id)
          if (comment === undefined) throw new HttpError(404, 'Not Found')
          comment.body = params.body
          return { data: comment }
        },
        listEvents: async (params: { per_page?: number; page?: number }) => {
          call('listEvents')
          return page(state.events, params)
        },
        get: async () => {
          call('getIssue')
          return { data: { labels: state.labels.map((name) => ({ name })) } }
        }
      },
      pulls: {
        get: async () => {
          call('getPull')
          return { data: { head: { sha: state.pullHeadSha } } }
        },
        listFiles: async (params: { per_page?: number; page?: number }) => {
          call('listFiles')
          return page(state.files, params)
        },
        listReviewComments: async (params: { per_page?: number; page?: number }) => {
          call('listReviewComments')
          return page(state.reviewComments, params)
        },
        createReview: async (params: FakeReview) => {
          call('createReview')
          state.reviews.push(params)
          for (const comment of params.comments) {
            const id = (nextId += 1)
            state.reviewComments.push({
              id,
              body: comment.body,
              path: comment.path,
              line: comment.line,
              side: comment.side,
              user: { login: state.login ?? 'github-actions[bot]' },
              html_url: `https://github.com/o/r/pull/7#discussion_r${id}`
            })
          }
          return { data: { id: nextId } }
        },
        deleteReviewComment: async (params: { comment_id: number }) => {
          call('deleteReviewComment')
          const index = state.reviewComments.findIndex((item) => item.id === params.comment_id)
          if (index < 0) throw new HttpError(404, 'Not Found')
          state.reviewComments.splice(index, 1)
          state.deleted.push(params.comment_id)
          return { data: undefined }
        }
      },
      repos: {
        getCollaboratorPermissionLevel: async (params: { username: string }) => {
          call('getPermission')
          const level = state.permissions[params.username]
          if (level === undefined) throw new HttpError(404, 'Not Found')
          return { data: level }
        }
      }
    }
  }
  return { octokit: octokit as unknown as ClientType, state }
}

/** A unified-diff patch adding `count` lines after `before` unchanged lines (3 shown as context). */
export function appendPatch(before: number, count: number): string {
  const context = Math.min(3, before)
  const start = before - context + 1
  const lines = [`@@ -${start},${context} +${start},${context + count} @@`]
  for (let index = 0; index < context; index += 1) lines.push(` old ${start + index}`)
  for (let index = 0; index < count; index += 1) lines.push(`+new ${before + index + 1}`)
  return lines.join('\n')
}
