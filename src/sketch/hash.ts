/**
 * Deterministic, seeded 32-bit hashes for the sketches.
 *
 * Strings are hashed as their UTF-8 bytes (encoded on the fly, no allocation; lone surrogates
 * become U+FFFD exactly as `Buffer.from(text)` does) so results match the reference
 * MurmurHash3_x86_32 and FNV-1a and do not depend on the platform, the run or the shard.
 * Every function returns an unsigned 32-bit integer.
 */

/**
 * Module-level alias: under Jest every code file runs in a vm context, where a global lookup such
 * as `Math` inside a hot loop costs ~100x more than in a plain Node process.
 */
const imul = Math.imul

const C1 = 0xcc9e2d51
const C2 = 0x1b873593
const FNV_PRIME = 0x01000193
export const FNV_OFFSET = 0x811c9dc5

/** MurmurHash3's finaliser: a cheap bijective avalanche of a 32-bit integer. */
export function fmix32(h: number): number {
  h ^= h >>> 16
  h = imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

function scrambleBlock(k: number): number {
  k = imul(k, C1)
  k = (k << 15) | (k >>> 17)
  return imul(k, C2)
}

/** One MurmurHash3 body round: folds a 32-bit block into the running state. */
export function murmurRound(h: number, block: number): number {
  h ^= scrambleBlock(block)
  h = (h << 13) | (h >>> 19)
  return (imul(h, 5) + 0xe6546b64) | 0
}

function finish(h: number, tail: number, tailBytes: number, length: number): number {
  if (tailBytes > 0) h ^= scrambleBlock(tail)
  return fmix32(h ^ length)
}

/**
 * Scratch result of `encodeAt`: the UTF-8 bytes of one code point packed little-endian, their
 * number, and how many UTF-16 units were consumed. Module-level so hashing allocates nothing.
 */
const UTF8 = { bytes: 0, size: 0, units: 1 }

function encodeAt(text: string, i: number, end: number): void {
  const c = text.charCodeAt(i)
  UTF8.units = 1
  if (c < 0x80) {
    UTF8.bytes = c
    UTF8.size = 1
  } else if (c < 0x800) {
    UTF8.bytes = 0xc0 | (c >>> 6) | ((0x80 | (c & 0x3f)) << 8)
    UTF8.size = 2
  } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
    const d = text.charCodeAt(i + 1)
    if (d >= 0xdc00 && d <= 0xdfff) {
      const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00)
      UTF8.bytes =
        0xf0 |
        (cp >>> 18) |
        ((0x80 | ((cp >>> 12) & 0x3f)) << 8) |
        ((0x80 | ((cp >>> 6) & 0x3f)) << 16) |
        ((0x80 | (cp & 0x3f)) << 24)
      UTF8.size = 4
      UTF8.units = 2
    } else {
      encodeThree(0xfffd)
    }
  } else if (c >= 0xd800 && c <= 0xdfff) {
    encodeThree(0xfffd)
  } else {
    encodeThree(c)
  }
}

function encodeThree(c: number): void {
  UTF8.bytes = 0xe0 | (c >>> 12) | ((0x80 | ((c >>> 6) & 0x3f)) << 8) | ((0x80 | (c & 0x3f)) << 16)
  UTF8.size = 3
}

/**
 * MurmurHash3_x86_32 of the UTF-8 bytes of `text.slice(start, end)` (without making the slice),
 * identical to the reference implementation (and to `murmur3Bytes(Buffer.from(text))`).
 */
export function murmur3(text: string, seed = 0, start = 0, end = text.length): number {
  let h = seed | 0
  let block = 0
  let filled = 0
  let length = 0
  let i = start
  while (i < end) {
    const c = text.charCodeAt(i)
    let bytes: number
    let size: number
    if (c < 0x80) {
      bytes = c
      size = 1
      i++
    } else {
      encodeAt(text, i, end)
      bytes = UTF8.bytes
      size = UTF8.size
      i += UTF8.units
    }
    length += size
    const room = 4 - filled
    block |= bytes << (filled << 3)
    if (size < room) {
      filled += size
    } else {
      h = murmurRound(h, block)
      filled = size - room
      block = filled > 0 ? bytes >>> (room << 3) : 0
    }
  }
  return finish(h, block, filled, length)
}

/** MurmurHash3_x86_32 of raw bytes, the reference definition. */
export function murmur3Bytes(bytes: Uint8Array, seed = 0): number {
  let h = seed | 0
  const blocks = bytes.length & ~3
  for (let i = 0; i < blocks; i += 4) {
    h = murmurRound(h, bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24))
  }
  let tail = 0
  const tailBytes = bytes.length - blocks
  for (let j = tailBytes - 1; j >= 0; j--) tail = (tail << 8) | bytes[blocks + j]
  return finish(h, tail, tailBytes, bytes.length)
}

/**
 * MurmurHash3_x86_32 over 32-bit integers (each one block, little-endian), e.g. to hash a band of
 * a MinHash signature or a run of word hashes. Equals `murmur3Bytes` of the integers' bytes.
 */
export function murmur3Ints(
  values: ArrayLike<number>,
  seed = 0,
  start = 0,
  end = values.length
): number {
  let h = seed | 0
  for (let i = start; i < end; i++) h = murmurRound(h, values[i])
  return fmix32(h ^ ((end - start) << 2))
}

/** FNV-1a 32 of the UTF-8 bytes of `text` (the standard definition for `seed = FNV_OFFSET`). */
export function fnv1a32(text: string, seed = FNV_OFFSET): number {
  let h = seed | 0
  let i = 0
  while (i < text.length) {
    const c = text.charCodeAt(i)
    if (c < 0x80) {
      h = imul(h ^ c, FNV_PRIME)
      i++
      continue
    }
    encodeAt(text, i, text.length)
    i += UTF8.units
    let bytes = UTF8.bytes
    for (let b = 0; b < UTF8.size; b++) {
      h = imul(h ^ (bytes & 0xff), FNV_PRIME)
      bytes >>>= 8
    }
  }
  return h >>> 0
}

/**
 * A 53-bit hash (two independent Murmur lanes), exact as a JS number: for keys where 32-bit
 * collisions would matter (about 1 in 10^4 pairs among 10^5 items collide at 32 bits).
 */
export function hash53(text: string, seed = 0): number {
  const hi = murmur3(text, seed ^ 0x5bd1e995) & 0x1fffff
  const lo = murmur3(text, seed)
  return hi * 0x100000000 + lo
}

/**
 * A small deterministic generator of 32-bit values (SplitMix-style counter through `fmix32`), for
 * deriving per-permutation parameters and sketch coin flips from a seed.
 */
export class SeededRandom {
  private state: number

  constructor(seed: number) {
    this.state = seed | 0
  }

  next(): number {
    this.state = (this.state + 0x9e3779b9) | 0
    return fmix32(this.state ^ 0x5851f42d)
  }

  /** Current state, so a sketch can serialise its generator and resume it. */
  get position(): number {
    return this.state >>> 0
  }
}
