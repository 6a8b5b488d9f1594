/**
 * A local api.github.com for end-to-end tests: Stoplight Prism serving GitHub's own OpenAPI
 * description (@octokit/openapi) with --errors, so a request the real API would reject gets an
 * error here too, behind a small loopback proxy that
 * - rewrites GitHub's media types (`application/vnd.github.v3+json`…) in Accept to
 *   `application/json`, which is all the description declares (Prism would answer 406);
 * - drops Prism's example `Link` header, whose `next` page points at the real api.github.com
 *   (Octokit's pagination would follow it off the machine);
 * - records every request, and lets a test answer a request with its own data after Prism has
 *   validated it (Prism's static examples know nothing of the test's pull request);
 * - collects Prism's log lines and `sl-violations` headers that report violations.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '..', '..')
const PRISM = join(ROOT, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js')
const DESCRIPTION = join(
  ROOT,
  'node_modules',
  '@octokit',
  'openapi',
  'generated',
  'api.github.com.json'
)
const START_TIMEOUT_MS = 90_000

export interface RecordedRequest {
  method: string
  path: string
  /** Accept as the client sent it, before the rewrite. */
  accept: string | undefined
  body: string
  status: number
  /** Prism's `sl-violations` header, when it reported any for this request. */
  violations: string | undefined
}

export interface Replacement {
  status?: number
  body: unknown
}

/**
 * Answers a request with the test's own data, after Prism validated it and answered with its
 * example (`upstream`, parsed JSON), or undefined to pass Prism's answer on.
 */
export type Responder = (
  request: { method: string; path: string; body: string },
  upstream: unknown
) => Replacement | undefined

export interface MockGitHub {
  /** Base URL for GITHUB_API_URL. */
  url: string
  requests: RecordedRequest[]
  /** Prism's log lines that mention a violation, and violations reported in response headers. */
  violations(): string[]
  setResponder(responder: Responder | undefined): void
  reset(): void
  stop(): Promise<void>
}

export class PrismUnavailable extends Error {}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

function startPrism(port: number, logLines: string[]): Promise<ChildProcess> {
  if (!existsSync(PRISM) || !existsSync(DESCRIPTION)) {
    return Promise.reject(
      new PrismUnavailable('@stoplight/prism-cli or @octokit/openapi is not installed (npm ci)')
    )
  }
  const child = spawn(
    process.execPath,
    [PRISM, 'mock', DESCRIPTION, '--errors', '-p', String(port), '-h', '127.0.0.1'],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  )
  return new Promise((resolve, reject) => {
    let settled = false
    const timer = setTimeout(() => {
      finish(new PrismUnavailable(`Prism did not start within ${START_TIMEOUT_MS / 1000} s`))
    }, START_TIMEOUT_MS)
    const finish = (error?: Error): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      if (error === undefined) resolve(child)
      else {
        child.kill()
        reject(error)
      }
    }
    let tail = ''
    const onData = (chunk: Buffer): void => {
      const text = tail + chunk.toString('utf8')
      const lines = text.split('\n')
      tail = lines.pop() ?? ''
      for (const line of lines) {
        // "Violation: request.body…" is a request the API would reject; "Request terminated with
        // error" an unknown route or the like, except #VIOLATIONS: Prism's own example response
        // breaking the description, which says nothing about the request (see startProxy).
        const terminated =
          line.includes('Request terminated with error') && !line.includes('#VIOLATIONS')
        if (line.includes('Violation') || terminated) logLines.push(line.trim())
        if (line.includes('Prism is listening')) finish()
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.on('error', (error) =>
      finish(new PrismUnavailable(`Prism could not run: ${error.message}`))
    )
    child.on('exit', (code) =>
      finish(new PrismUnavailable(`Prism exited with code ${code} while starting`))
    )
  })
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('end', () => resolve(Buffer.concat(chunks)))
    stream.on('error', reject)
  })
}

interface Violation {
  location?: string[]
  message?: string
}

/** Prism's `sl-violations` header, split into the request's and its own example response's. */
function splitViolations(header: string | string[] | undefined): {
  request: Violation[]
  response: Violation[]
} {
  const text = Array.isArray(header) ? header.join('') : header
  if (text === undefined || text === '') return { request: [], response: [] }
  let list: Violation[]
  try {
    const parsed = JSON.parse(text) as unknown
    list = Array.isArray(parsed) ? (parsed as Violation[]) : [{ message: text }]
  } catch {
    list = [{ message: text }]
  }
  return {
    request: list.filter((violation) => violation.location?.[0] !== 'response'),
    response: list.filter((violation) => violation.location?.[0] === 'response')
  }
}

function parseJson(data: Buffer): unknown {
  try {
    return JSON.parse(data.toString('utf8'))
  } catch {
    return undefined
  }
}

/** GitHub's vendor media types are JSON underneath; the description only declares application/json. */
export function rewriteAccept(accept: string | undefined): string {
  if (accept === undefined || accept === '') return 'application/json'
  const types = accept
    .split(',')
    .map((type) => type.trim())
    .map((type) => (/^application\/vnd\.github/i.test(type) ? 'application/json' : type))
  return Array.from(new Set(types)).join(', ')
}

function startProxy(
  prismPort: number,
  requests: RecordedRequest[],
  headerViolations: string[],
  responder: () => Responder | undefined
): Promise<Server> {
  const server = createServer(async (incoming, outgoing) => {
    const body = await readBody(incoming)
    const method = incoming.method ?? 'GET'
    const path = incoming.url ?? '/'
    const headers = { ...incoming.headers, host: `127.0.0.1:${prismPort}` }
    headers.accept = rewriteAccept(incoming.headers.accept)
    const forwarded = httpRequest(
      { host: '127.0.0.1', port: prismPort, method, path, headers },
      async (response) => {
        const data = await readBody(response)
        const { request: requestSide, response: exampleSide } = splitViolations(
          response.headers['sl-violations']
        )
        const violationText = requestSide.length > 0 ? JSON.stringify(requestSide) : undefined
        if (violationText !== undefined)
          headerViolations.push(`${method} ${path}: ${violationText}`)
        // A valid request whose example answer breaks the description (Prism then answers
        // 500) may still be answered by the test, which knows what GitHub would say.
        const answerable =
          requestSide.length === 0 && ((response.statusCode ?? 500) < 400 || exampleSide.length > 0)
        const replacement = answerable
          ? responder()?.({ method, path, body: body.toString('utf8') }, parseJson(data))
          : undefined
        const status =
          replacement !== undefined ? (replacement.status ?? 200) : (response.statusCode ?? 500)
        requests.push({
          method,
          path,
          accept: incoming.headers.accept,
          body: body.toString('utf8'),
          status,
          violations: violationText
        })
        const responseHeaders = { ...response.headers }
        delete responseHeaders.link
        let payload = data
        if (replacement !== undefined) {
          payload = Buffer.from(JSON.stringify(replacement.body))
          delete responseHeaders['sl-violations']
          responseHeaders['content-type'] = 'application/json; charset=utf-8'
        }
        responseHeaders['content-length'] = String(payload.length)
        outgoing.writeHead(status, responseHeaders)
        outgoing.end(payload)
      }
    )
    forwarded.on('error', (error) => {
      outgoing.writeHead(502, { 'content-type': 'application/json' })
      outgoing.end(JSON.stringify({ message: `proxy: ${error.message}` }))
    })
    forwarded.end(body)
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

/** Starts Prism and the proxy; throws PrismUnavailable when Prism cannot start. */
export async function startMockGitHub(): Promise<MockGitHub> {
  const prismPort = await freePort()
  const logLines: string[] = []
  const prism = await startPrism(prismPort, logLines)
  const requests: RecordedRequest[] = []
  const headerViolations: string[] = []
  let responder: Responder | undefined
  const proxy = await startProxy(prismPort, requests, headerViolations, () => responder)
  const { port } = proxy.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    violations: () => [...logLines, ...headerViolations],
    setResponder: (next) => {
      responder = next
    },
    reset: () => {
      requests.length = 0
      logLines.length = 0
      headerViolations.length = 0
      responder = undefined
    },
    stop: async () => {
      await new Promise<void>((resolve) => proxy.close(() => resolve()))
      if (prism.exitCode === null) {
        const exited = new Promise<void>((resolve) => prism.once('exit', () => resolve()))
        prism.kill()
        await exited
      }
    }
  }
}
