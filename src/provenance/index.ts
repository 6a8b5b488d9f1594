/**
 * Provenance for one run: the manifest as the pull request has it, checked against the changed
 * dataset files under the base policy's `provenance` settings.
 */
import { blobInfo } from '../git/blob.js'
import type { ChangedFile } from '../git/changes.js'
import { listTreeFiles } from '../git/tree.js'
import type { Policy } from '../policy/schema.js'
import { compareProvenance, type ProvenanceFile, type ProvenanceResult } from './compare.js'
import { normalizePath } from './manifest.js'
import { contentDigest, readManifest, readManifestEntries } from './read.js'

export type { ProvenanceResult } from './compare.js'

/** Null when there is nothing to do: no manifest in the head and none required. */
export async function checkProvenance(
  repo: string,
  baseSha: string,
  headSha: string,
  policy: Policy,
  files: ChangedFile[]
): Promise<ProvenanceResult | null> {
  const { required } = policy.provenance
  const manifestPath = normalizePath(policy.provenance.manifest)
  if (files.length === 0) return null
  const head = await readManifest(repo, headSha, manifestPath)
  if (!head.ok && 'missing' in head && !required) return null
  const base = await readManifestEntries(repo, baseSha, manifestPath)
  const provenanceFiles: ProvenanceFile[] = []
  for (const file of files) {
    if (file.status === 'deleted') {
      provenanceFiles.push({ ...file, digest: null })
      continue
    }
    // A submodule or directory under a dataset name has no content to hash; the file check
    // already reports it as unreadable.
    if (!(await blobInfo(repo, headSha, file.path)).exists) continue
    provenanceFiles.push({ ...file, digest: await contentDigest(repo, headSha, file.path) })
  }
  const headPaths = new Set(head.ok ? await listTreeFiles(repo, headSha) : [])
  return compareProvenance({
    required,
    manifestPath,
    head,
    base,
    files: provenanceFiles,
    headPaths
  })
}
