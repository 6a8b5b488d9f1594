/**
 * Runs the git CLI without a shell (arguments are never interpreted), always against an explicit
 * repository directory via `git -C`, so a missing directory is reported by git itself and a spawn
 * ENOENT can only mean that git is not installed.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { UserError } from '../errors.js'

/** A git command that exited non-zero. */
export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string
  ) {
    const detail = stderr.trim().split('\n').slice(0, 3).join(' / ')
    super(
      `git ${args.join(' ')} failed (exit ${exitCode ?? 'signal'})${detail ? `: ${detail}` : ''}`
    )
    this.name = 'GitError'
  }
}

export interface GitResult<T> {
  exitCode: number
  stdout: T
  stderr: string
}

/** Far above any `git diff --name-status` listing or small blob, yet below V8's string limit. */
const MAX_BUFFER = 256 * 1024 * 1024
/** Enough of stderr to explain a failure; git can be chatty on a broken repository. */
const MAX_STDERR = 64 * 1024

function gitEnv(): NodeJS.ProcessEnv {
  // Never block on a credential prompt, and never let an inherited GIT_DIR point us elsewhere.
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0' }
  delete env.GIT_DIR
  delete env.GIT_WORK_TREE
  delete env.GIT_INDEX_FILE
  return env
}

function fullArgs(repo: string, args: readonly string[]): string[] {
  return ['-C', repo, ...args]
}

function spawnFailure(error: Error & { code?: unknown }): Error {
  if (error.code === 'ENOENT') {
    return new UserError('git was not found on PATH', 'Install git, or run where git is available.')
  }
  return error
}

function run(
  repo: string,
  args: readonly string[],
  encoding: 'utf8' | 'buffer'
): Promise<GitResult<string | Buffer>> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      fullArgs(repo, args),
      { encoding, maxBuffer: MAX_BUFFER, env: gitEnv(), windowsHide: true },
      (error, stdout, stderr) => {
        const stderrText = Buffer.isBuffer(stderr) ? stderr.toString('utf8') : stderr
        if (error === null) {
          resolve({ exitCode: 0, stdout, stderr: stderrText })
          return
        }
        const code = error.code
        if (typeof code === 'number') {
          resolve({ exitCode: code, stdout, stderr: stderrText })
          return
        }
        if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
          reject(new GitError(args, null, `output larger than ${MAX_BUFFER} bytes`))
          return
        }
        // Killed by a signal, or could not be started at all.
        if (error.killed || error.signal) {
          resolve({ exitCode: -1, stdout, stderr: stderrText })
          return
        }
        reject(spawnFailure(error))
      }
    )
  })
}

/** Runs git and reports a non-zero exit in the result instead of throwing (spawn failures still throw). */
export async function tryGit(repo: string, args: readonly string[]): Promise<GitResult<string>> {
  const result = await run(repo, args, 'utf8')
  return { ...result, stdout: result.stdout.toString() }
}

/** Runs git and returns its stdout; a non-zero exit throws `GitError` carrying stderr and the args. */
export async function git(repo: string, args: readonly string[]): Promise<string> {
  const result = await tryGit(repo, args)
  if (result.exitCode !== 0) throw new GitError(args, result.exitCode, result.stderr)
  return result.stdout
}

/** Like `tryGit`, for binary output (blob contents). */
export async function tryGitBuffer(
  repo: string,
  args: readonly string[]
): Promise<GitResult<Buffer>> {
  const result = await run(repo, args, 'buffer')
  const stdout = Buffer.isBuffer(result.stdout) ? result.stdout : Buffer.from(result.stdout)
  return { ...result, stdout }
}

interface Exit {
  code: number | null
  error?: Error
}

function waitForExit(child: ChildProcess): Promise<Exit> {
  // Resolves rather than rejects so that an abandoned stream never causes an unhandled rejection.
  return new Promise((resolve) => {
    child.once('error', (error) => resolve({ code: null, error: spawnFailure(error) }))
    child.once('close', (code) => resolve({ code }))
  })
}

/**
 * Streams git's stdout. A non-zero exit throws `GitError` once the output has been consumed; ending
 * the iteration early kills the process, so reading only a file's first bytes stays cheap.
 */
export async function* streamGit(repo: string, args: readonly string[]): AsyncGenerator<Buffer> {
  const child = spawn('git', fullArgs(repo, args), {
    env: gitEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true
  })
  const exit = waitForExit(child)
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < MAX_STDERR) stderr += chunk.toString('utf8')
  })
  let completed = false
  try {
    if (child.stdout) {
      for await (const chunk of child.stdout) yield chunk as Buffer
    }
    const { code, error } = await exit
    completed = true
    if (error) throw error
    if (code !== 0) throw new GitError(args, code, stderr)
  } finally {
    if (!completed && child.exitCode === null) child.kill()
  }
}
