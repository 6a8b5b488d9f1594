import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { jest } from '@jest/globals'
import { createClient, rateLimitHandler } from '../../src/github/client.js'

describe('rateLimitHandler', () => {
  it('retries twice, naming the wait, then gives up', () => {
    const warnings: string[] = []
    const handler = rateLimitHandler('primary', (message) => warnings.push(message))
    const request = { method: 'POST', url: '/repos/{owner}/{repo}/issues/{issue_number}/comments' }
    expect(handler(42, request, {}, 0)).toBe(true)
    expect(handler(42, request, {}, 1)).toBe(true)
    expect(handler(42, request, {}, 2)).toBe(false)
    expect(warnings[0]).toBe(
      'GitHub API rate limit hit for POST /repos/{owner}/{repo}/issues/{issue_number}/comments; waiting 42 s before retry 1 of 2.'
    )
    expect(warnings[2]).toContain('giving up after 2 retries')
  })

  it('says which limit it was', () => {
    const warnings: string[] = []
    rateLimitHandler('secondary', (message) => warnings.push(message))(
      5,
      { method: 'GET', url: '/x' },
      {},
      0
    )
    expect(warnings[0]).toContain('secondary rate limit')
  })
})

describe('createClient', () => {
  let server: Server
  let requests = 0
  let baseUrl = ''

  beforeAll(async () => {
    // Always rate limited, with a reset in the past so the throttling plugin retries at once.
    server = createServer((_request, response) => {
      requests += 1
      response.writeHead(403, {
        'content-type': 'application/json',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': '0'
      })
      response.end(JSON.stringify({ message: 'API rate limit exceeded' }))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  it('uses the given API root, or the default one', () => {
    expect(createClient('t', { baseUrl }).request.endpoint.DEFAULTS.baseUrl).toBe(baseUrl)
    expect(createClient('t').request.endpoint.DEFAULTS.baseUrl).toBe(
      process.env.GITHUB_API_URL ?? 'https://api.github.com'
    )
  })

  it('retries a rate-limited request twice with a warning, then fails', async () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      const octokit = createClient('token', { baseUrl })
      await expect(octokit.rest.users.getAuthenticated()).rejects.toMatchObject({ status: 403 })
      expect(requests).toBe(3)
      const warnings = write.mock.calls
        .map(([chunk]) => String(chunk))
        .filter((line) => line.startsWith('::warning::'))
      expect(warnings).toHaveLength(3)
      expect(warnings[0]).toContain('GET /user; waiting 0 s before retry 1 of 2.')
    } finally {
      write.mockRestore()
    }
  })
})
