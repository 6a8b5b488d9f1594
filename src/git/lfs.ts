/**
 * Git LFS pointer files (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md): what git
 * stores instead of a large file when LFS is used. The real content lives on the LFS server.
 */

export interface LfsPointer {
  /** SHA-256 of the real content, 64 lower-case hex digits (without the `sha256:` prefix). */
  oid: string
  /** Size of the real content in bytes. */
  size: number
}

/** Pointer files are small by definition; anything this large is real content. */
const MAX_POINTER_BYTES = 1024
const VERSIONS = new Set([
  'https://git-lfs.github.com/spec/v1',
  // The pre-release name, still accepted by git-lfs.
  'https://hawser.github.com/spec/v1'
])

/**
 * Recognises an LFS pointer from a file's first bytes (pass at least 1024 so that a large file is
 * not mistaken for one). Returns null for anything else.
 */
export function parseLfsPointer(firstBytes: Buffer): LfsPointer | null {
  if (firstBytes.length === 0 || firstBytes.length >= MAX_POINTER_BYTES) return null
  // A pointer is UTF-8 text of `key value` lines, each ending in LF; checking the prefix first keeps
  // this cheap for ordinary files.
  if (!firstBytes.subarray(0, 8).equals(Buffer.from('version ', 'latin1'))) return null
  const text = firstBytes.toString('utf8')
  if (!text.endsWith('\n')) return null
  const lines = text.slice(0, -1).split('\n')
  const values = new Map<string, string>()
  for (const [index, rawLine] of lines.entries()) {
    // Tolerate a CRLF checkout of the pointer (core.autocrlf on Windows).
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine
    const space = line.indexOf(' ')
    if (space <= 0) return null
    const key = line.slice(0, space)
    if (!/^[a-z0-9.-]+$/.test(key) || values.has(key)) return null
    if (index === 0 && key !== 'version') return null
    values.set(key, line.slice(space + 1))
  }
  const version = values.get('version')
  const oid = /^sha256:([0-9a-f]{64})$/.exec(values.get('oid') ?? '')
  const size = values.get('size') ?? ''
  if (version === undefined || !VERSIONS.has(version) || oid === null) return null
  if (!/^\d+$/.test(size) || !Number.isSafeInteger(Number(size))) return null
  return { oid: oid[1], size: Number(size) }
}

/** Where git-lfs keeps an object in its local store (`LocalMediaDir` of `git lfs env`). */
export function lfsObjectPath(mediaDir: string, oid: string): string {
  return `${mediaDir}/${oid.slice(0, 2)}/${oid.slice(2, 4)}/${oid}`
}
