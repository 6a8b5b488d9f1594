/**
 * A hand-written stand-in for the parts of Octokit the sticky comment uses: issue comments with
 * real page slicing, and `paginate.iterator` that walks pages the way Octokit does (until a short
 * page), so pagination bugs show up.
 */
import type { ClientType } from '../../src/github/client.js'

export interface FakeComment {
  id: number
  body: string
  user: { login: string } | null
  created_at: string
  html_url: string
}

interface ListParams {
  owner: string
  repo: string
  issue_number: number
  per_page: number
  page?: number
}

export interface FakeCalls {
  list: ListParams[]
  create: { owner: string; repo: string; issue_number: number; body: string }[]
  update: { owner: string; repo: string; comment_id: number; body: string }[]
  user: number
}

export function comment(id: number, body: string, login: string | null, minute = id): FakeComment {
  return {
    id,
    body,
    user: login === null ? null : { login },
    created_at: new Date(Date.UTC(2025, 0, 1) + minute * 60_000).toISOString().replace('.000', ''),
    html_url: `https://github.com/o/r/pull/7#issuecomment-${id}`
  }
}

export function fakeOctokit(
  comments: FakeComment[],
  options: { user?: () => Promise<{ data: { login: string } }> } = {}
): { octokit: ClientType; calls: FakeCalls } {
  const calls: FakeCalls = { list: [], create: [], update: [], user: 0 }
  const listComments = async (params: ListParams) => {
    calls.list.push(params)
    const page = params.page ?? 1
    return { data: comments.slice((page - 1) * params.per_page, page * params.per_page) }
  }
  const octokit = {
    paginate: {
      iterator: async function* (
        method: (params: ListParams) => Promise<{ data: FakeComment[] }>,
        params: ListParams
      ) {
        for (let page = 1; ; page += 1) {
          const response = await method({ ...params, page })
          yield response
          if (response.data.length < params.per_page) return
        }
      }
    },
    rest: {
      issues: {
        listComments,
        createComment: async (params: FakeCalls['create'][number]) => {
          calls.create.push(params)
          const id = 1000 + calls.create.length
          return { data: { id, html_url: `https://github.com/o/r/pull/7#issuecomment-${id}` } }
        },
        updateComment: async (params: FakeCalls['update'][number]) => {
          calls.update.push(params)
          return {
            data: {
              id: params.comment_id,
              html_url: `https://github.com/o/r/pull/7#issuecomment-${params.comment_id}`
            }
          }
        }
      },
      users: {
        getAuthenticated: async () => {
          calls.user += 1
          if (options.user === undefined)
            throw Object.assign(new Error('Resource not accessible by integration'), {
              status: 403
            })
          return options.user()
        }
      }
    }
  }
  return { octokit: octokit as unknown as ClientType, calls }
}
