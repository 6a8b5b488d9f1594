/**
 * Near-duplicate detection: shingling, MinHash signatures and the LSH index, in one import.
 * Each part lives in its own module; this one only wires them together.
 */
import { DEFAULT_SHINGLES, shingleHashes, type ShingleOptions } from './shingles.js'
import { DEFAULT_MINHASH_SEED, DEFAULT_PERMUTATIONS, minhashSignature } from './signature.js'

export {
  DEFAULT_SHINGLES,
  DEFAULT_SHINGLE_SEED,
  normaliseForShingles,
  shingleHashes,
  shingles,
  type ShingleKind,
  type ShingleOptions
} from './shingles.js'
export {
  DEFAULT_MINHASH_SEED,
  DEFAULT_PERMUTATIONS,
  EMPTY_SLOT,
  estimateJaccard,
  isEmptySignature,
  minhashSignature
} from './signature.js'
export {
  DEFAULT_BANDS,
  DEFAULT_LSH_SEED,
  DEFAULT_ROWS_PER_BAND,
  LshIndex,
  candidateProbability,
  nearDuplicateGroups,
  type LshOptions,
  type SimilarEntry
} from './lsh.js'

/** Shingles `text` and returns its MinHash signature (all-EMPTY_SLOT for empty text). */
export function textSignature(
  text: string,
  shingling: ShingleOptions = DEFAULT_SHINGLES,
  numPermutations = DEFAULT_PERMUTATIONS,
  seed = DEFAULT_MINHASH_SEED
): Uint32Array {
  return minhashSignature(shingleHashes(text, shingling), numPermutations, seed)
}
