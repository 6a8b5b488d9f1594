import { murmur3, murmur3Ints } from './hash.js'

export type ShingleKind = 'word' | 'char'

export interface ShingleOptions {
  kind: ShingleKind
  /** Words or UTF-16 code units per shingle. */
  size: number
  seed?: number
}

/**
 * Character 5-grams: replacing one word of a ~90-character row leaves Jaccard about 0.82 (median
 * over the test corpus), above the usual 0.8 near-duplicate line, where word 3-grams fall to 0.65;
 * most fine-tuning rows are that short. Word shingles (5) suit long documents, where they are
 * cheaper and less swayed by shared boilerplate.
 */
export const DEFAULT_SHINGLES: ShingleOptions = { kind: 'char', size: 5 }
export const DEFAULT_SHINGLE_SEED = 0x2d358dcc

const NON_WORD = /[^\p{L}\p{N}\p{M}]+/gu
const SPACES = /\s+/gu

/**
 * The form shingles are taken from. NFKC folds full-width and compatibility forms so that
 * "ｆｒｅｅ" cannot dodge near-duplicate detection; word mode also drops punctuation and symbols,
 * which paraphrase-by-punctuation would otherwise exploit.
 */
export function normaliseForShingles(text: string, kind: ShingleKind): string {
  const folded = text.normalize('NFKC').toLowerCase()
  return folded.replace(kind === 'word' ? NON_WORD : SPACES, ' ').trim()
}

function checkSize(size: number): void {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`shingle size must be >= 1: ${size}`)
}

/**
 * Start/end offsets of the words of a normalised word-mode string (single spaces, trimmed).
 */
function wordBounds(text: string): Int32Array {
  let words = text.length > 0 ? 1 : 0
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) words++
  const bounds = new Int32Array(words * 2)
  let w = 0
  let start = 0
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 32) {
      if (i > start) {
        bounds[w++] = start
        bounds[w++] = i
      }
      start = i + 1
    }
  }
  return bounds
}

/**
 * The shingles of `text` as strings, for inspection and tests. A text shorter than one shingle
 * gives a single shingle of all of it, so short rows still get a signature; empty text gives none.
 */
export function shingles(text: string, options: ShingleOptions = DEFAULT_SHINGLES): string[] {
  checkSize(options.size)
  const normal = normaliseForShingles(text, options.kind)
  if (normal.length === 0) return []
  if (options.kind === 'char') {
    if (normal.length <= options.size) return [normal]
    const out: string[] = []
    for (let i = 0; i + options.size <= normal.length; i++)
      out.push(normal.slice(i, i + options.size))
    return out
  }
  const words = normal.split(' ')
  if (words.length <= options.size) return [words.join(' ')]
  const out: string[] = []
  for (let i = 0; i + options.size <= words.length; i++) {
    out.push(words.slice(i, i + options.size).join(' '))
  }
  return out
}

/**
 * 32-bit hashes of the shingles of `text`, in order, without materialising shingle strings: char
 * shingles hash their UTF-8 bytes in place, word shingles hash the run of their word hashes.
 * (So a word shingle's hash is not `murmur3` of its joined string; the set structure is the same.)
 */
export function shingleHashes(
  text: string,
  options: ShingleOptions = DEFAULT_SHINGLES
): Uint32Array {
  checkSize(options.size)
  const seed = options.seed ?? DEFAULT_SHINGLE_SEED
  const size = options.size
  const normal = normaliseForShingles(text, options.kind)
  if (normal.length === 0) return new Uint32Array(0)
  if (options.kind === 'char') {
    if (normal.length <= size) return Uint32Array.of(murmur3(normal, seed))
    const out = new Uint32Array(normal.length - size + 1)
    for (let i = 0; i < out.length; i++) out[i] = murmur3(normal, seed, i, i + size)
    return out
  }
  const bounds = wordBounds(normal)
  const words = bounds.length >> 1
  const wordHashes = new Uint32Array(words)
  for (let w = 0; w < words; w++)
    wordHashes[w] = murmur3(normal, seed, bounds[2 * w], bounds[2 * w + 1])
  if (words <= size) return Uint32Array.of(murmur3Ints(wordHashes, seed))
  const out = new Uint32Array(words - size + 1)
  for (let i = 0; i < out.length; i++) out[i] = murmur3Ints(wordHashes, seed, i, i + size)
  return out
}
