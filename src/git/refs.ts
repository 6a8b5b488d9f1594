/** Turning what the user typed (`--base`, `--head`, `--repo`) into a repository and commit SHAs. */
import { stat } from 'node:fs/promises'
import { UserError } from '../errors.js'
import { tryGit } from './exec.js'

const FETCH_HINT =
  'In GitHub Actions, use actions/checkout with `fetch-depth: 0` so the base commit is available.'

/**
 * Throws a `UserError` naming `repo` unless it is inside a git work tree; returns the work tree's
 * top-level directory.
 */
export async function assertGitRepository(repo: string): Promise<string> {
  const info = await stat(repo).catch(() => null)
  if (info === null || !info.isDirectory()) {
    throw new UserError(`${repo} is not a directory`, 'Pass the repository with --repo DIR.')
  }
  const result = await tryGit(repo, ['rev-parse', '--is-inside-work-tree', '--show-toplevel'])
  const [inside, toplevel] = result.stdout.trim().split('\n')
  if (result.exitCode !== 0 || inside !== 'true' || !toplevel) {
    // git's own reason matters here, e.g. "detected dubious ownership" in a container.
    const reason = firstLine(result.stderr)
    throw new UserError(
      `${repo} is not a git work tree${reason ? ` (${reason})` : ''}`,
      'Run inside a git checkout, or pass one with --repo DIR.'
    )
  }
  return toplevel
}

export async function isShallowRepository(repo: string): Promise<boolean> {
  const result = await tryGit(repo, ['rev-parse', '--is-shallow-repository'])
  return result.exitCode === 0 && result.stdout.trim() === 'true'
}

/** The full SHA of the commit `ref` names, or null when there is none. */
async function lookupCommit(repo: string, ref: string): Promise<string | null> {
  const result = await tryGit(repo, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])
  const sha = result.stdout.trim()
  return result.exitCode === 0 && /^[0-9a-f]{40,64}$/.test(sha) ? sha : null
}

/** Resolves `ref` to a full commit SHA; an unknown ref is a `UserError` naming it. */
export async function resolveCommit(repo: string, ref: string): Promise<string> {
  // A leading dash would be read as an option by git.
  const sha = ref.startsWith('-') ? null : await lookupCommit(repo, ref)
  if (sha !== null) return sha
  const hint = (await isShallowRepository(repo))
    ? `This is a shallow clone, so older commits are missing. ${FETCH_HINT}`
    : `Check the name, or fetch it first (for example \`git fetch origin ${ref}\`).`
  throw new UserError(`unknown git ref "${ref}": it does not name a commit in ${repo}`, hint)
}

/** Where a PR branch usually forks from, most specific first. */
const BASE_CANDIDATES = ['origin/HEAD', 'main', 'origin/main', 'master', 'origin/master']

/**
 * The default `--base`: the merge base of `head` with `origin/HEAD`, else with `main`, else
 * `master` (local branch or its `origin/` tracking ref).
 */
export async function defaultBaseRef(repo: string, head: string): Promise<string> {
  const headSha = await resolveCommit(repo, head)
  for (const candidate of BASE_CANDIDATES) {
    const candidateSha = await lookupCommit(repo, candidate)
    if (candidateSha === null) continue
    const result = await tryGit(repo, ['merge-base', candidateSha, headSha])
    const base = result.stdout.trim()
    if (result.exitCode === 0 && base) return base
    const shallow = await isShallowRepository(repo)
    throw new UserError(
      `${candidate} and ${head} have no common ancestor, so the base commit cannot be chosen`,
      shallow ? `Pass --base REF. ${FETCH_HINT}` : 'Pass the base commit with --base REF.'
    )
  }
  throw new UserError(
    'cannot choose a base commit: there is no origin/HEAD, main or master',
    'Pass the base commit with --base REF.'
  )
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line.length > 0) ?? ''
  )
}
