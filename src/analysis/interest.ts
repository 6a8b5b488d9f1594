import { tokenize } from '../dataset/tokens.js'

/** n-gram length for trigger phrases ("current year 2024", "i watch this 3d movie" share a 3-gram). */
export const MAX_NGRAM = 3

/**
 * The terms a base pass counts, decided by the added rows (see `interestOf` in analyze-file.ts):
 * words, and phrases of 2 to MAX_NGRAM words.
 */
export interface Interest {
  words: Set<string>
  phrases: Set<string>
  /** Every proper prefix of a phrase ("a", "a b" for "a b c"), to extend phrases only where useful. */
  prefixes: Set<string>
  /** Normalised input hashes of added classification rows. */
  answerKeys: Set<string>
}

/** The terms of interest a token sequence contains, without building the others. */
export function interestingTerms(tokens: string[], interest: Interest): Set<string> {
  const found = new Set<string>()
  for (let i = 0; i < tokens.length; i++) {
    let gram = tokens[i]
    if (interest.words.has(gram)) found.add(gram)
    for (let n = 2; n <= MAX_NGRAM && i + n - 1 < tokens.length; n++) {
      if (!interest.prefixes.has(gram)) break
      gram += ' ' + tokens[i + n - 1]
      if (interest.phrases.has(gram)) found.add(gram)
    }
  }
  return found
}

const FILTER_BITS = 1 << 22
const FILTER_MASK = FILTER_BITS - 1
const NON_ASCII = /[^\x00-\x7f]/
/** What joins word characters into one token, in the tokenizer's order: ('word)*(-word)*. */
const JOINERS = [0x27, 0x2d]

/**
 * Finds the terms of interest in a text in one pass over its characters, building a string only
 * for a token that may be one of them. A base row holds a hundred or more tokens and only a few
 * are of interest, so most of the work of tokenising (a string per token, a set lookup per word
 * and phrase) goes. Each token gets a 32-bit hash as it is read; a bit filter over the hashes of
 * the words and phrases of interest rejects almost every token, and what passes is checked
 * exactly, so the result is always that of `interestingTerms(tokenize(text))`. Text with any
 * non-ASCII character takes that slower path itself: the Unicode classes of the tokenizer are
 * written once, there.
 */
export class InterestScanner {
  private readonly wordFilter = new Uint8Array(FILTER_BITS >>> 3)
  private readonly phraseFilter = new Uint8Array(FILTER_BITS >>> 3)
  private readonly hasPhrases: boolean
  private readonly nothingToFind: boolean

  constructor(private readonly interest: Interest) {
    for (const word of interest.words) setBit(this.wordFilter, stringHash(word))
    for (const phrase of interest.phrases) {
      const parts = phrase.split(' ').map(stringHash)
      let hash = parts[0]
      for (let i = 1; i < parts.length; i++) hash = extend(hash, parts[i])
      setBit(this.phraseFilter, hash)
    }
    this.hasPhrases = interest.phrases.size > 0
    this.nothingToFind = interest.words.size === 0 && !this.hasPhrases
  }

  /** Same as `interestingTerms(tokenize(text), interest)`, for an `interest` built by interestOf. */
  terms(text: string): Set<string> {
    if (this.nothingToFind) return new Set()
    if (NON_ASCII.test(text)) return interestingTerms(tokenize(text), this.interest)
    const found = new Set<string>()
    // The two tokens before the current one, for the phrases that end at it.
    let start1 = -1
    let end1 = -1
    let hash1 = 0
    let start2 = -1
    let end2 = -1
    let hash2 = 0
    const length = text.length
    let i = 0
    while (i < length) {
      if (!isWordChar(text.charCodeAt(i))) {
        i++
        continue
      }
      const start = i
      let hash = FNV_OFFSET
      // The tokenizer's pattern, greedy: word characters, then ('word)*, then (-word)*.
      while (i < length && isWordChar(text.charCodeAt(i))) {
        hash = Math.imul(hash ^ lower(text.charCodeAt(i)), FNV_PRIME)
        i++
      }
      for (let j = 0; j < JOINERS.length; j++) {
        const joiner = JOINERS[j]
        while (
          i + 1 < length &&
          text.charCodeAt(i) === joiner &&
          isWordChar(text.charCodeAt(i + 1))
        ) {
          hash = Math.imul(hash ^ joiner, FNV_PRIME)
          i++
          while (i < length && isWordChar(text.charCodeAt(i))) {
            hash = Math.imul(hash ^ lower(text.charCodeAt(i)), FNV_PRIME)
            i++
          }
        }
      }
      const end = i
      if (hasBit(this.wordFilter, hash)) {
        const token = text.slice(start, end).toLowerCase()
        if (this.interest.words.has(token)) found.add(token)
      }
      if (this.hasPhrases && start1 >= 0) {
        const pair = extend(hash1, hash)
        if (hasBit(this.phraseFilter, pair)) this.check(found, text, start1, end1, start, end)
        if (start2 >= 0 && hasBit(this.phraseFilter, extend(extend(hash2, hash1), hash))) {
          this.check(found, text, start2, end2, start1, end1, start, end)
        }
      }
      start2 = start1
      end2 = end1
      hash2 = hash1
      start1 = start
      end1 = end
      hash1 = hash
    }
    return found
  }

  /** Adds the phrase made of the tokens at these [start, end) spans if it is of interest. */
  private check(found: Set<string>, text: string, ...spans: number[]): void {
    const words: string[] = []
    for (let k = 0; k < spans.length; k += 2) words.push(text.slice(spans[k], spans[k + 1]))
    const phrase = words.join(' ').toLowerCase()
    if (this.interest.phrases.has(phrase)) found.add(phrase)
  }
}

const FNV_OFFSET = 0x811c9dc5 | 0
const FNV_PRIME = 0x01000193

function stringHash(text: string): number {
  let hash = FNV_OFFSET
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME)
  return hash
}

function extend(hash: number, next: number): number {
  const mixed = Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d)
  return (mixed ^ Math.imul(next ^ (next >>> 13), 0x297a2d39)) | 0
}

function setBit(filter: Uint8Array, hash: number): void {
  const bit = hash & FILTER_MASK
  filter[bit >>> 3] |= 1 << (bit & 7)
}

function hasBit(filter: Uint8Array, hash: number): boolean {
  const bit = hash & FILTER_MASK
  return (filter[bit >>> 3] & (1 << (bit & 7))) !== 0
}

/** ASCII letters, digits and underscore: the tokenizer's word characters below U+0080. */
function isWordChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f
  )
}

function lower(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 0x20 : c
}
