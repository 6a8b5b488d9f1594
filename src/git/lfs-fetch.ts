/**
 * The real content behind a Git LFS pointer, when git-lfs has it in the local store (after
 * actions/checkout with `lfs: true`, or `git lfs fetch`). Read straight from the store, never
 * through `git lfs smudge`: smudge downloads a missing object, and a check must not reach the
 * network or wait on credentials.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { tryGit } from './exec.js'
import { lfsObjectPath, type LfsPointer } from './lfs.js'

export type LfsObject =
  | {
      found: true
      /** Size in bytes (as the pointer says, and checked against the store). */
      size: number
      /**
       * Streams the content; can be called again for another pass. Throws at the end if the
       * content does not hash to the pointer's oid (a corrupt store).
       */
      open(): AsyncIterable<Buffer>
      /** The first `bytes` bytes, for sniffing the format. */
      readHead(bytes: number): Promise<Buffer>
    }
  | { found: false; reason: string }

export const LFS_NOT_INSTALLED =
  'git-lfs not installed: install it (Debian/Ubuntu package git-lfs) so the real file can be read'
export const LFS_NOT_FETCHED =
  'object not fetched: use actions/checkout with `lfs: true` (it fetches only the objects of the checked-out commit) and, for the base commit, run `git lfs fetch origin <base sha>` (docs/GITHUB.md, "Datasets stored with Git LFS")'

/** Finds the object a pointer names in the local LFS store of `repo`. */
export async function resolveLfsObject(repo: string, pointer: LfsPointer): Promise<LfsObject> {
  const env = await tryGit(repo, ['lfs', 'env'])
  if (env.exitCode !== 0) {
    if (/'lfs' is not a git command/.test(env.stderr)) return missing(LFS_NOT_INSTALLED)
    return missing(`\`git lfs env\` failed: ${firstLine(env.stderr) || `exit ${env.exitCode}`}`)
  }
  const mediaDir = /^LocalMediaDir=(.+)$/m.exec(env.stdout)?.[1]
  if (!mediaDir) return missing('`git lfs env` does not name the local LFS store (LocalMediaDir)')
  const path = lfsObjectPath(mediaDir, pointer.oid)
  const info = await stat(path).catch(() => null)
  if (info === null || !info.isFile()) {
    return missing(`${LFS_NOT_FETCHED} (${describe(pointer)})`)
  }
  if (info.size !== pointer.size) {
    return missing(
      `the local copy of ${describe(pointer)} has ${info.size} bytes: the LFS store is corrupt (see \`git lfs fsck\`)`
    )
  }
  return {
    found: true,
    size: pointer.size,
    open: () => readVerified(path, pointer),
    readHead: (bytes) => readHead(path, bytes)
  }
}

/** Streams the file, hashing as it goes: what is checked must be what the pointer names. */
async function* readVerified(path: string, pointer: LfsPointer): AsyncGenerator<Buffer> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer)
    yield chunk as Buffer
  }
  const oid = hash.digest('hex')
  if (oid !== pointer.oid) {
    throw new Error(
      `the local copy of ${describe(pointer)} hashes to sha256:${oid.slice(0, 12)}: the LFS store is corrupt (see \`git lfs fsck\`)`
    )
  }
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  if (bytes <= 0) return Buffer.alloc(0)
  const file = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    const { bytesRead } = await file.read(buffer, 0, bytes, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await file.close()
  }
}

function describe(pointer: LfsPointer): string {
  return `LFS object sha256:${pointer.oid.slice(0, 12)}, ${pointer.size.toLocaleString('en-US')} bytes`
}

function missing(reason: string): LfsObject {
  return { found: false, reason }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? ''
}
