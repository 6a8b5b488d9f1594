import { openBlob, blobInfo, readBlobHead } from '../git/blob.js'
import { listTreeFiles } from '../git/tree.js'
import { formatFromPath, sniffContent } from '../formats/detect.js'
import { readRows } from '../formats/index.js'
import { inferShape } from '../dataset/shape.js'
import { rowFeatures } from '../dataset/features.js'
import { hashText, normalizeForMatch } from '../dataset/hash.js'
import type { ReferenceRows, RepositoryContext } from '../checks/types.js'
import { estimateJaccard, LshIndex, textSignature } from '../sketch/minhash.js'
import { matcher } from '../policy/match.js'
import type { Policy } from '../policy/schema.js'
import type { RowValues } from '../types.js'

/** Reference files larger than this are skipped: contamination checks must not dominate the run. */
const MAX_REFERENCE_BYTES = 256 * 1024 * 1024
const MIN_TEXT_LENGTH = 20
/** Reference rows indexed for near-duplicate matching (MinHash signatures are 512 bytes each). */
const MAX_NEAR_ROWS = 200_000
/** Estimated Jaccard similarity over character 5-grams from which two texts are "the same row". */
const NEAR_SIMILARITY = 0.8

/**
 * Rows of the repository's evaluation files and unverified files (as the head commit has them),
 * indexed by normalised text so added training rows can be matched against them.
 */
export async function buildRepositoryContext(
  repo: string,
  headSha: string,
  policy: Policy
): Promise<RepositoryContext> {
  const settings = policy.checks as Record<string, { severity?: string } | undefined>
  const wantsEval = settings['contamination.eval']?.severity !== 'off'
  const tree = await listTreeFiles(repo, headSha)
  const readable = tree.filter((path) => formatFromPath(path) !== null)
  const evalPaths = wantsEval ? readable.filter(matcher(policy['eval-files'])) : []
  const unverifiedPaths = readable.filter(matcher(policy['unverified-files']))
  return {
    evalRows: evalPaths.length ? await indexFiles(repo, headSha, evalPaths) : null,
    unverifiedRows: unverifiedPaths.length ? await indexFiles(repo, headSha, unverifiedPaths) : null
  }
}

async function indexFiles(repo: string, sha: string, paths: string[]): Promise<ReferenceRows> {
  const exact = new Map<string, string>()
  const index = new LshIndex()
  const signatures: Uint32Array[] = []
  const locations: string[] = []
  for (const path of paths) {
    const format = formatFromPath(path)!
    const info = await blobInfo(repo, sha, path)
    if (!info.exists || info.size > MAX_REFERENCE_BYTES) continue
    if (sniffContent(await readBlobHead(repo, sha, path, 1024)) !== 'text' && !format.gzip) continue
    const read = () => readRows(format.format, openBlob(repo, sha, path), { gzip: format.gzip })
    // Two streaming passes (a sample for the layout, then every row) rather than holding the file.
    const sample: RowValues[] = []
    for await (const event of read()) {
      if (event.type === 'row') sample.push(event.row.values)
      if (sample.length >= 1000) break
    }
    const shape = inferShape(sample)
    for await (const event of read()) {
      if (event.type !== 'row') continue
      const { input } = rowFeatures(event.row.values, shape)
      if (input.length < MIN_TEXT_LENGTH) continue
      const key = hashText(normalizeForMatch(input))
      if (exact.has(key)) continue
      const location = `${path}${event.row.line ? `:${event.row.line}` : ''}`
      exact.set(key, location)
      if (signatures.length < MAX_NEAR_ROWS) {
        const signature = textSignature(input)
        index.add(signatures.length, signature)
        signatures.push(signature)
        locations.push(location)
      }
    }
  }
  const near = (text: string): string | null => {
    if (text.length < MIN_TEXT_LENGTH || signatures.length === 0) return null
    const signature = textSignature(text)
    for (const id of index.query(signature)) {
      if (estimateJaccard(signature, signatures[id]) >= NEAR_SIMILARITY) return locations[id]
    }
    return null
  }
  return { paths, exact, near }
}
