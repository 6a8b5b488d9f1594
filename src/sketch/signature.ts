import { fmix32, SeededRandom } from './hash.js'

/** Alias outside the hot loop's global scope (slow global lookups under Jest's vm contexts). */
const imul = Math.imul

export const DEFAULT_PERMUTATIONS = 128
export const DEFAULT_MINHASH_SEED = 0x6a09e667

/** Signature value of a permutation that saw no shingle (an empty text). */
export const EMPTY_SLOT = 0xffffffff

interface Permutations {
  mul: Int32Array
  add: Int32Array
  premix: number
}

const cache = new Map<string, Permutations>()

function permutations(count: number, seed: number): Permutations {
  const key = `${count}:${seed}`
  let found = cache.get(key)
  if (found === undefined) {
    // Drawn premix first, so a shorter signature is a prefix of a longer one with the same seed.
    const random = new SeededRandom(seed)
    const premix = random.next()
    const mul = new Int32Array(count)
    const add = new Int32Array(count)
    for (let i = 0; i < count; i++) {
      mul[i] = random.next() | 1
      add[i] = random.next()
    }
    found = { mul, add, premix }
    cache.set(key, found)
  }
  return found
}

/**
 * MinHash signature of a set of 32-bit shingle hashes (duplicates are harmless).
 *
 * Each shingle hash is first avalanched once with `fmix32`, so every input behaves like a uniform
 * 32-bit value whatever hash produced it; permutation i is then the bijection
 * v -> g(a_i * v + b_i) with a_i odd and g(v) = v ^ (v >>> 15), exact in 32-bit integer math and
 * a handful of operations, which matters at (rows x shingles x 128). The estimator's bias and
 * variance are checked against exact Jaccard in the tests.
 */
export function minhashSignature(
  shingleHashes: ArrayLike<number>,
  numPermutations = DEFAULT_PERMUTATIONS,
  seed = DEFAULT_MINHASH_SEED
): Uint32Array {
  if (!Number.isInteger(numPermutations) || numPermutations < 1) {
    throw new RangeError(`numPermutations must be a positive integer: ${numPermutations}`)
  }
  const { mul, add, premix } = permutations(numPermutations, seed)
  const mixed = new Int32Array(shingleHashes.length)
  for (let s = 0; s < mixed.length; s++) mixed[s] = fmix32(shingleHashes[s] ^ premix)
  const signature = new Uint32Array(numPermutations)
  // Values are compared with the sign bit flipped so the hot loop stays in int32 arithmetic
  // (signed order of v ^ 2^31 is unsigned order of v); the empty set yields EMPTY_SLOT.
  for (let i = 0; i < numPermutations; i++) {
    const a = mul[i]
    const b = add[i]
    let best = 0x7fffffff
    for (let s = 0; s < mixed.length; s++) {
      let v = (imul(mixed[s], a) + b) | 0
      v = v ^ (v >>> 15) ^ 0x80000000
      if (v < best) best = v
    }
    signature[i] = best ^ 0x80000000
  }
  return signature
}

/**
 * True when the signature came from an empty shingle set; such signatures agree with each other
 * everywhere and would make every empty row a "duplicate" of every other.
 */
export function isEmptySignature(signature: Uint32Array): boolean {
  for (let i = 0; i < signature.length; i++) if (signature[i] !== EMPTY_SLOT) return false
  return true
}

/** Fraction of agreeing slots: an unbiased estimate of the Jaccard similarity of the two sets. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) {
    throw new RangeError(`signature lengths differ: ${a.length} vs ${b.length}`)
  }
  if (a.length === 0) return 0
  let same = 0
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++
  return same / a.length
}
