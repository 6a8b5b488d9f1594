/**
 * How much reading each changed dataset file costs, for the shard assignment: the sizes of its
 * base and head blobs, listed with one `git ls-tree` per batch of paths, and for a blob small
 * enough to be a Git LFS pointer, the size the pointer records. Sizes come from the commits alone
 * (no LFS store, no working tree), so every shard computes the same weights.
 */
import { sniffContent } from '../formats/detect.js'
import { readBlobHead } from '../git/blob.js'
import type { ChangedFile } from '../git/changes.js'
import { git } from '../git/exec.js'
import { parseLfsPointer } from '../git/lfs.js'

/** Paths per `git ls-tree` call: far below any command-line limit. */
const BATCH = 200
/** LFS pointers are under 1 KiB by the specification. */
const POINTER_BYTES = 1024

export async function datasetWeights(
  repo: string,
  baseSha: string,
  headSha: string,
  files: readonly ChangedFile[]
): Promise<number[]> {
  const basePaths = files.filter((f) => f.status !== 'added').map((f) => f.previousPath ?? f.path)
  const headPaths = files.filter((f) => f.status !== 'deleted').map((f) => f.path)
  const [base, head] = await Promise.all([
    blobSizes(repo, baseSha, basePaths),
    blobSizes(repo, headSha, headPaths)
  ])
  return files.map(
    (f) =>
      (f.status === 'added' ? 0 : (base.get(f.previousPath ?? f.path) ?? 0)) +
      (f.status === 'deleted' ? 0 : (head.get(f.path) ?? 0))
  )
}

/** Content sizes of the blobs at `paths` in `commit`; absent paths (or submodules) are left out. */
async function blobSizes(
  repo: string,
  commit: string,
  paths: readonly string[]
): Promise<Map<string, number>> {
  const sizes = new Map<string, number>()
  const wanted = [...new Set(paths)]
  for (let start = 0; start < wanted.length; start += BATCH) {
    const batch = wanted.slice(start, start + BATCH)
    const output = await git(repo, [
      '--literal-pathspecs',
      'ls-tree',
      '-z',
      '--long',
      '--full-tree',
      commit,
      '--',
      ...batch
    ])
    const asked = new Set(batch)
    for (const entry of output.split('\0')) {
      const tab = entry.indexOf('\t')
      if (tab < 0) continue
      const path = entry.slice(tab + 1)
      // "<mode> SP <type> SP <oid> SP+ <size>"
      const [, type, , size] = entry.slice(0, tab).split(/ +/)
      if (asked.has(path) && type === 'blob' && size !== undefined && /^\d+$/.test(size))
        sizes.set(path, Number(size))
    }
  }
  for (const [path, size] of sizes) {
    if (size >= POINTER_BYTES) continue
    const head = await readBlobHead(repo, commit, path, POINTER_BYTES)
    const pointer = sniffContent(head) === 'lfs-pointer' ? parseLfsPointer(head) : null
    if (pointer) sizes.set(path, pointer.size)
  }
  return sizes
}
