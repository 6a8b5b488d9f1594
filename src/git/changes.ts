/** Which files a PR touches, as git sees them between two commits. */
import type { FileStatus } from '../types.js'
import { git } from './exec.js'

export interface ChangedFile {
  /** Path in the head commit (for a deletion: the path that was deleted). */
  path: string
  /** Path in the base commit when the file was renamed, else null. */
  previousPath: string | null
  status: FileStatus
}

/**
 * Files that differ between `baseSha` and `headSha`, with rename detection. A copy counts as an
 * added file (its source is unchanged) and a type change (e.g. file to symlink) as a modification.
 */
export async function listChangedFiles(
  repo: string,
  baseSha: string,
  headSha: string
): Promise<ChangedFile[]> {
  // -z: paths come raw and NUL-separated, so spaces, tabs, newlines and non-ASCII survive intact.
  // diff.relative=false / --no-ext-diff: ignore user config that would change the listing (the -c
  // form, unlike --no-relative, works on every git version).
  const output = await git(repo, [
    '-c',
    'diff.relative=false',
    'diff',
    '--name-status',
    '-z',
    '-M',
    '--no-ext-diff',
    baseSha,
    headSha,
    '--'
  ])
  return parseNameStatus(output)
}

/** Parses `git diff --name-status -z` output: `STATUS\0path\0`, or `R<score>\0old\0new\0`. */
export function parseNameStatus(output: string): ChangedFile[] {
  // Every field, the last included, ends in NUL.
  const body = output.endsWith('\0') ? output.slice(0, -1) : output
  const fields = body === '' ? [] : body.split('\0')
  const files: ChangedFile[] = []
  let i = 0
  while (i < fields.length) {
    const code = fields[i++]
    const kind = code[0]
    if (kind === 'R' || kind === 'C') {
      const from = fields[i++]
      const to = fields[i++]
      if (from === undefined || to === undefined)
        throw new Error(`truncated git diff entry ${code}`)
      files.push(
        kind === 'R'
          ? { path: to, previousPath: from, status: 'renamed' }
          : { path: to, previousPath: null, status: 'added' }
      )
      continue
    }
    const path = fields[i++]
    if (path === undefined) throw new Error(`truncated git diff entry ${code}`)
    const status = STATUS[kind]
    if (status === undefined) throw new Error(`unexpected git diff status ${code} for ${path}`)
    files.push({ path, previousPath: null, status })
  }
  return files
}

const STATUS: Record<string, FileStatus | undefined> = {
  A: 'added',
  M: 'modified',
  T: 'modified',
  D: 'deleted',
  // Unmerged paths cannot appear between two commits; treat defensively as modified.
  U: 'modified'
}
