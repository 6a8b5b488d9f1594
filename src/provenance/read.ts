/** The I/O edge of provenance: the manifest and the content digests, straight from git objects. */
import { createHash } from 'node:crypto'
import { blobInfo, openBlob, readBlobText } from '../git/blob.js'
import { parseLfsPointer } from '../git/lfs.js'
import type { ContentDigest, ManifestState } from './compare.js'
import { parseManifest, type ManifestEntry } from './manifest.js'

/** A manifest is a list of files; anything larger is not one, and is not loaded whole. */
export const MAX_MANIFEST_BYTES = 8 * 1024 * 1024
const LFS_SNIFF_BYTES = 1024

export async function readManifest(
  repo: string,
  commit: string,
  path: string
): Promise<ManifestState> {
  const info = await blobInfo(repo, commit, path)
  if (!info.exists) return { ok: false, missing: true }
  if (info.size > MAX_MANIFEST_BYTES) {
    return {
      ok: false,
      error: `it is ${info.size.toLocaleString('en-US')} bytes, over the ${MAX_MANIFEST_BYTES.toLocaleString('en-US')} a manifest may have`
    }
  }
  const text = await readBlobText(repo, commit, path)
  if (text === null) return { ok: false, missing: true }
  return parseManifest(text)
}

/** The entries of a trusted side's manifest (the base), or null when it has no valid one. */
export async function readManifestEntries(
  repo: string,
  commit: string,
  path: string
): Promise<Map<string, ManifestEntry> | null> {
  const state = await readManifest(repo, commit, path)
  return state.ok ? state.entries : null
}

/** SHA-256 of the committed content, streamed: dataset files can be gigabytes. */
export async function contentDigest(
  repo: string,
  commit: string,
  path: string
): Promise<ContentDigest> {
  const hash = createHash('sha256')
  const head: Buffer[] = []
  let headLength = 0
  for await (const chunk of openBlob(repo, commit, path)) {
    hash.update(chunk)
    if (headLength < LFS_SNIFF_BYTES) {
      head.push(chunk)
      headLength += chunk.length
    }
  }
  const pointer = parseLfsPointer(Buffer.concat(head).subarray(0, LFS_SNIFF_BYTES))
  return { sha256: hash.digest('hex'), lfsOid: pointer?.oid ?? null }
}
