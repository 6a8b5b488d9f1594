/** Reading a file's content at a commit straight from the object database (no checkout needed). */
import { git, GitError, streamGit, tryGitBuffer } from './exec.js'

export interface BlobInfo {
  /** False when the path is absent at that commit, or is a directory or submodule there. */
  exists: boolean
  size: number
}

function objectName(commit: string, path: string): string {
  return `${commit}:${path}`
}

/** Size of `path` at `commit`. An unknown commit throws; an absent path does not. */
export async function blobInfo(repo: string, commit: string, path: string): Promise<BlobInfo> {
  // ls-tree (unlike `cat-file -s`) tells "no such path" apart from "no such commit".
  // --full-tree: paths from the repository root even when `repo` is a subdirectory;
  // --literal-pathspecs: `*` or `[` in a file name is not a glob.
  const output = await git(repo, [
    '--literal-pathspecs',
    'ls-tree',
    '-z',
    '--long',
    '--full-tree',
    commit,
    '--',
    path
  ])
  for (const entry of output.split('\0')) {
    const tab = entry.indexOf('\t')
    if (tab < 0 || entry.slice(tab + 1) !== path) continue
    // "<mode> SP <type> SP <oid> SP+ <size>"
    const [, type, , size] = entry.slice(0, tab).split(/ +/)
    if (type === 'blob' && size !== undefined && /^\d+$/.test(size)) {
      return { exists: true, size: Number(size) }
    }
    // The tree names the blob but the object database does not have it: a damaged or partial clone.
    if (type === 'blob' && size === 'BAD') {
      throw new GitError(
        ['cat-file', '-s', `${commit}:${path}`],
        128,
        `object of ${path} is missing`
      )
    }
  }
  return { exists: false, size: 0 }
}

/**
 * Streams the content of `path` at `commit` in chunks. A git failure (missing path, bad commit) is
 * thrown while iterating; stopping early ends the git process.
 */
export function openBlob(repo: string, commit: string, path: string): AsyncIterable<Buffer> {
  return streamGit(repo, [...STREAMING, 'cat-file', 'blob', objectName(commit, path)])
}

/**
 * Git inflates a blob whole before writing its first byte unless it is larger than
 * core.bigFileThreshold (512 MiB by default); above it, a blob not stored as a delta is streamed.
 * Each read of a large dataset would otherwise wait that long before it starts, and git would hold
 * the whole blob in memory. Git also maps its pack files in windows of up to 1 GiB, which count
 * in its resident memory as it reads through a large blob; small windows read as fast. The output
 * is the same either way.
 */
const STREAMING = [
  '-c',
  'core.bigFileThreshold=1m',
  '-c',
  'core.packedGitWindowSize=16m',
  '-c',
  'core.packedGitLimit=64m'
]

/** The whole content of a small file as UTF-8 text, or null when `path` does not exist at `commit`. */
export async function readBlobText(
  repo: string,
  commit: string,
  path: string
): Promise<string | null> {
  const result = await tryGitBuffer(repo, ['cat-file', 'blob', objectName(commit, path)])
  if (result.exitCode === 0) return result.stdout.toString('utf8')
  // Only now pay for a second call, to tell an absent file from a real failure.
  const info = await blobInfo(repo, commit, path)
  if (!info.exists) return null
  return git(repo, ['cat-file', 'blob', objectName(commit, path)])
}

/** The first `bytes` bytes of the file (fewer if it is shorter), for sniffing its content. */
export async function readBlobHead(
  repo: string,
  commit: string,
  path: string,
  bytes: number
): Promise<Buffer> {
  if (bytes <= 0) return Buffer.alloc(0)
  const parts: Buffer[] = []
  let length = 0
  for await (const chunk of openBlob(repo, commit, path)) {
    parts.push(chunk)
    length += chunk.length
    if (length >= bytes) break
  }
  return Buffer.concat(parts, length).subarray(0, bytes)
}
