import { hash } from 'node:crypto'
import { canonicalJson } from '../dataset/hash.js'
import type { RowValues } from '../types.js'

/**
 * A row's identity for telling added rows from unchanged ones: 128 bits of SHA-256, so that no one
 * can craft a new row that passes for a base row (a birthday search over 2^64 is out of reach).
 * JSON Lines rows are identified by the text of their line (hashed without parsing it); rows of
 * other formats by their canonical JSON. Two rows with equal text are the same row; two rows
 * that are the same row written differently (keys reordered) are reconciled by their canonical
 * hash afterwards (see analyze-file.ts).
 */
export type Identity = Buffer

export function identityOfText(text: string | Uint8Array): Identity {
  return hash('sha256', text, 'buffer')
}

export function identityOfValues(values: RowValues): Identity {
  return hash('sha256', canonicalJson(values), 'buffer')
}

const EMPTY_SLOT = 0

/**
 * A multiset of identities in open-addressed typed arrays: 20 bytes per distinct row plus slack,
 * instead of a string-keyed Map's hundred or so. Keys are the first 128 bits of the digest. A slot
 * holds copies + 1, so 0 means empty and a row whose copies were all taken keeps its slot (probe
 * chains through it stay intact).
 */
export class IdentityMultiset {
  private keys = new Uint32Array(4 * 1024)
  private counts = new Uint32Array(1024)
  private used = 0
  private total = 0

  get size(): number {
    return this.total
  }

  add(identity: Identity): void {
    if ((this.used + 1) * 4 > this.counts.length * 3) this.grow()
    const [a, b, c, d] = wordsOf(identity)
    const slot = this.find(a, b, c, d)
    if (this.counts[slot] === EMPTY_SLOT) {
      this.used++
      const k = slot * 4
      this.keys[k] = a
      this.keys[k + 1] = b
      this.keys[k + 2] = c
      this.keys[k + 3] = d
      this.counts[slot] = 1
    }
    this.counts[slot]++
    this.total++
  }

  copies(identity: Identity): number {
    const [a, b, c, d] = wordsOf(identity)
    return Math.max(0, this.counts[this.find(a, b, c, d)] - 1)
  }

  /** Uses up one copy; false when none is left (the row is new, or one copy more than the base). */
  take(identity: Identity): boolean {
    const [a, b, c, d] = wordsOf(identity)
    return this.takeWords(a, b, c, d)
  }

  takeWords(a: number, b: number, c: number, d: number): boolean {
    const slot = this.find(a, b, c, d)
    if (this.counts[slot] <= 1) return false
    this.counts[slot]--
    this.total--
    return true
  }

  private find(a: number, b: number, c: number, d: number): number {
    const keys = this.keys
    const counts = this.counts
    const mask = counts.length - 1
    // The digest is uniformly distributed: its first word is a good enough slot hash.
    for (let slot = a & mask; ; slot = (slot + 1) & mask) {
      if (counts[slot] === EMPTY_SLOT) return slot
      const k = slot * 4
      if (keys[k] === a && keys[k + 1] === b && keys[k + 2] === c && keys[k + 3] === d) return slot
    }
  }

  private grow(): void {
    const keys = new Uint32Array(this.keys.length * 2)
    const counts = new Uint32Array(this.counts.length * 2)
    const mask = counts.length - 1
    for (let old = 0; old < this.counts.length; old++) {
      if (this.counts[old] === EMPTY_SLOT) continue
      let slot = this.keys[old * 4] & mask
      while (counts[slot] !== EMPTY_SLOT) slot = (slot + 1) & mask
      keys.set(this.keys.subarray(old * 4, old * 4 + 4), slot * 4)
      counts[slot] = this.counts[old]
    }
    this.keys = keys
    this.counts = counts
  }
}

/** Identities in file order (by row index), 16 bytes each, for the pass that comes back to them. */
export class IdentityList {
  private words = new Uint32Array(4 * 1024)
  private length = 0

  set(row: number, identity: Identity): void {
    while ((row + 1) * 4 > this.words.length) {
      const next = new Uint32Array(this.words.length * 2)
      next.set(this.words)
      this.words = next
    }
    const k = row * 4
    this.words[k] = identity.readUInt32LE(0)
    this.words[k + 1] = identity.readUInt32LE(4)
    this.words[k + 2] = identity.readUInt32LE(8)
    this.words[k + 3] = identity.readUInt32LE(12)
    if (row >= this.length) this.length = row + 1
  }

  /**
   * Uses up a copy of the identity stored for a row, if one is left: true when that base row is
   * one the head no longer holds.
   */
  takeFrom(row: number, multiset: IdentityMultiset): boolean {
    if (row >= this.length) return false
    const k = row * 4
    const w = this.words
    if (w[k] === 0 && w[k + 1] === 0 && w[k + 2] === 0 && w[k + 3] === 0) return false
    return multiset.takeWords(w[k], w[k + 1], w[k + 2], w[k + 3])
  }

  /**
   * A number in [0, 1) drawn from the row's identity, or null when none was stored: samples drawn
   * by content do not depend on row order, and identities are uniformly distributed.
   */
  draw(row: number): number | null {
    if (row >= this.length) return null
    const k = row * 4
    const w = this.words
    if (w[k] === 0 && w[k + 1] === 0 && w[k + 2] === 0 && w[k + 3] === 0) return null
    return w[k + 3] / 0x100000000
  }
}

function wordsOf(identity: Identity): [number, number, number, number] {
  return [
    identity.readUInt32LE(0),
    identity.readUInt32LE(4),
    identity.readUInt32LE(8),
    identity.readUInt32LE(12)
  ]
}
