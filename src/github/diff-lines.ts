/**
 * The lines of a pull request GitHub accepts a review comment on: added and context lines of the
 * head (RIGHT) side of each file's patch. A file without a patch (too large, binary, LFS) has no
 * commentable line at all.
 */

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/

/** Head-side line numbers that appear in a unified-diff patch as added (`+`) or context (` `). */
export function rightSideLines(patch: string): Set<number> {
  const lines = new Set<number>()
  let next = 0
  let remaining = 0
  for (const text of patch.split('\n')) {
    const header = HUNK_HEADER.exec(text)
    if (header !== null) {
      next = Number(header[1])
      remaining = header[2] === undefined ? 1 : Number(header[2])
      continue
    }
    if (remaining <= 0) continue
    const kind = text.charAt(0)
    // An empty line inside a hunk is a context line whose leading space was lost in transit.
    if (kind === '+' || kind === ' ' || text === '') {
      lines.add(next)
      next += 1
      remaining -= 1
    }
    // '-' lines exist only on the base side; '\' is "No newline at end of file".
  }
  return lines
}

export interface PullFile {
  filename: string
  status?: string
  patch?: string | null
}

/** Commentable lines by path; files without a patch are left out (nothing on them is commentable). */
export function commentableLines(files: PullFile[]): Map<string, Set<number>> {
  const byPath = new Map<string, Set<number>>()
  for (const file of files) {
    if (file.status === 'removed' || file.patch === undefined || file.patch === null) continue
    byPath.set(file.filename, rightSideLines(file.patch))
  }
  return byPath
}
