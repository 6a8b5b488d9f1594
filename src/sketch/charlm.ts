import { fmix32, murmurRound } from './hash.js'

export interface CharNgramOptions {
  /** Longest n-gram (context of order - 1 characters). */
  order?: number
  /** Hash buckets shared by all orders; a power of two. Memory is 4 bytes per bucket. */
  buckets?: number
  /** Dirichlet prior strength: pseudo-counts given to the lower-order estimate at each order. */
  concentration?: number
  seed?: number
}

/**
 * Order 4 (three characters of context) separates languages and encodings sharply while its
 * counts stay dense enough on a few thousand rows. 2^21 buckets (8 MiB, whatever the data size):
 * 2 million characters of English fill 5% of them. Collisions only ever add counts, which pulls
 * high scores down a little (German text scored 6.6 bits instead of 6.8 collision-free in that
 * measurement) but pulls the held-out tail down alike, so thresholds calibrated on held-out rows
 * keep their meaning.
 */
export interface CharNgramState extends Required<CharNgramOptions> {
  counts: Uint32Array
  events: number
  docs: number
}

export const DEFAULT_ORDER = 4
export const DEFAULT_BUCKETS = 1 << 21
export const DEFAULT_CONCENTRATION = 2
export const DEFAULT_CHARLM_SEED = 0x510e527f

/** Symbols are UTF-16 code units, so the order-0 fallback is uniform over 2^16 of them. */
const UNIFORM = 2 ** -16
/** Alias outside the hot loop's global scope (slow global lookups under Jest's vm contexts). */
const log2 = Math.log2
const BOS = 0x02
const EOS = 0x03
const ZERO = 0x30
const SPACE = 0x20

function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  )
}

/**
 * Lower-cases, maps every ASCII digit to '0' and collapses whitespace into single spaces (trimmed).
 * Case and particular digits carry little about whether text is in distribution but multiply the
 * n-grams to learn: without this every new number, date or ID and every capitalised word would
 * look surprising. Control characters BOS/EOS in the input are mapped to a space.
 */
export function normaliseForCharModel(text: string): Uint16Array {
  const lower = text.toLowerCase()
  const out = new Uint16Array(lower.length)
  let n = 0
  let pendingSpace = false
  for (let i = 0; i < lower.length; i++) {
    let c = lower.charCodeAt(i)
    if (c === BOS || c === EOS) c = SPACE
    if (isSpace(c)) {
      pendingSpace = n > 0
      continue
    }
    if (pendingSpace) {
      out[n++] = SPACE
      pendingSpace = false
    }
    out[n++] = c >= 0x30 && c <= 0x39 ? ZERO : c
  }
  return out.subarray(0, n)
}

/**
 * A character n-gram language model over hashed counts, for out-of-distribution scoring.
 *
 * Every 1..order-gram ending at each symbol (text padded with order - 1 BOS symbols and ended by
 * EOS) is counted in one Uint32Array of buckets, whatever the amount of text. The count of a
 * context is read from the (order - 1)-gram table itself: with the padding, every occurrence of a
 * gram not ending in EOS is followed by exactly one symbol, so no separate context table is needed.
 *
 * Probabilities interpolate each order with the next lower one under a Dirichlet prior,
 * P_k(w|h) = (c(hw) + K P_{k-1}(w|h')) / (c(h) + K), down to a uniform 2^-16. Unlike Kneser-Ney or
 * Witten-Bell this needs only raw counts, so models of different shards merge exactly by adding
 * counts. Scores are bits per symbol, EOS included.
 */
export class CharNgramModel {
  readonly order: number
  readonly buckets: number
  readonly concentration: number
  readonly seed: number
  private readonly counts: Uint32Array
  private readonly mask: number
  private readonly orderSalt: Int32Array
  /** Symbols counted (characters and EOS): the count of the empty context. */
  private events = 0
  /** Texts added: the count of the all-BOS context. */
  private docs = 0
  private history: Int32Array
  private current: Int32Array
  private previous: Int32Array

  constructor(options: CharNgramOptions = {}) {
    this.order = options.order ?? DEFAULT_ORDER
    this.buckets = options.buckets ?? DEFAULT_BUCKETS
    this.concentration = options.concentration ?? DEFAULT_CONCENTRATION
    this.seed = options.seed ?? DEFAULT_CHARLM_SEED
    if (!Number.isInteger(this.order) || this.order < 1 || this.order > 8) {
      throw new RangeError(`order must be an integer in [1, 8]: ${this.order}`)
    }
    if (
      !Number.isInteger(this.buckets) ||
      this.buckets < 2 ||
      (this.buckets & (this.buckets - 1)) !== 0
    ) {
      throw new RangeError(`buckets must be a power of two >= 2: ${this.buckets}`)
    }
    if (!(this.concentration > 0))
      throw new RangeError(`concentration must be > 0: ${this.concentration}`)
    this.counts = new Uint32Array(this.buckets)
    this.mask = this.buckets - 1
    this.orderSalt = new Int32Array(this.order + 1)
    for (let k = 1; k <= this.order; k++)
      this.orderSalt[k] = fmix32(this.seed ^ Math.imul(k, 0x9e3779b9))
    this.history = new Int32Array(this.order)
    this.current = new Int32Array(this.order + 1)
    this.previous = new Int32Array(this.order + 1)
  }

  /** Texts the model has been fitted on. */
  get documents(): number {
    return this.docs
  }

  /** Symbols (characters plus one EOS per text) the model has counted. */
  get symbols(): number {
    return this.events
  }

  /** Bytes of count storage: fixed at construction. */
  get byteLength(): number {
    return this.counts.byteLength
  }

  add(text: string): void {
    const symbols = normaliseForCharModel(text)
    this.startText()
    for (let i = 0; i <= symbols.length; i++) {
      this.step(i < symbols.length ? symbols[i] : EOS)
      const counts = this.counts
      for (let k = 1; k <= this.order; k++) {
        const at = this.current[k]
        if (counts[at] !== 0xffffffff) counts[at]++
      }
    }
    this.events += symbols.length + 1
    this.docs++
  }

  /** Everything the model knows, as plain data (for passing it between threads). */
  toState(): CharNgramState {
    return {
      order: this.order,
      buckets: this.buckets,
      concentration: this.concentration,
      seed: this.seed,
      counts: this.counts,
      events: this.events,
      docs: this.docs
    }
  }

  static fromState(state: CharNgramState): CharNgramModel {
    const model = new CharNgramModel(state)
    model.counts.set(state.counts)
    model.events = state.events
    model.docs = state.docs
    return model
  }

  /** Adds the counts of `other`, a model with the same order, buckets and seed. */
  merge(other: CharNgramModel): void {
    if (other.order !== this.order || other.buckets !== this.buckets || other.seed !== this.seed) {
      throw new Error('cannot merge CharNgramModel instances with different settings')
    }
    const counts = this.counts
    const from = other.counts
    for (let i = 0; i < counts.length; i++) {
      const sum = counts[i] + from[i]
      counts[i] = sum > 0xffffffff ? 0xffffffff : sum
    }
    this.events += other.events
    this.docs += other.docs
  }

  /** Mean surprisal of `text` in bits per symbol (EOS included); higher is less typical. */
  score(text: string): number {
    const bits = this.surprisals(text)
    let total = 0
    for (let i = 0; i < bits.length; i++) total += bits[i]
    return total / bits.length
  }

  /**
   * Highest mean surprisal over any `window` consecutive symbols: finds a short foreign insert
   * (a trigger token, an encoded payload) that the whole-text mean would dilute. Equals `score`
   * for texts no longer than the window.
   */
  maxWindowScore(text: string, window = 32): number {
    if (!Number.isInteger(window) || window < 1)
      throw new RangeError(`window must be >= 1: ${window}`)
    const bits = this.surprisals(text)
    if (bits.length <= window) {
      let total = 0
      for (let i = 0; i < bits.length; i++) total += bits[i]
      return total / bits.length
    }
    let sum = 0
    for (let i = 0; i < window; i++) sum += bits[i]
    let best = sum
    for (let i = window; i < bits.length; i++) {
      sum += bits[i] - bits[i - window]
      if (sum > best) best = sum
    }
    return best / window
  }

  /** Surprisal in bits of each symbol of the normalised text, then of EOS. */
  surprisals(text: string): Float64Array {
    const symbols = normaliseForCharModel(text)
    const bits = new Float64Array(symbols.length + 1)
    const counts = this.counts
    const K = this.concentration
    this.startText()
    for (let i = 0; i <= symbols.length; i++) {
      this.step(i < symbols.length ? symbols[i] : EOS)
      let p = UNIFORM
      for (let k = 1; k <= this.order; k++) {
        // Context counts: everything for the empty context, the number of texts for the all-BOS
        // context that precedes the first symbol, otherwise the (k-1)-gram ending one step back.
        const context = k === 1 ? this.events : i === 0 ? this.docs : counts[this.previous[k - 1]]
        // Hash collisions can only inflate a count; never let a gram outnumber its context.
        const count = counts[this.current[k]]
        const joint = count < context ? count : context
        p = (joint + K * p) / (context + K)
      }
      bits[i] = -log2(p)
    }
    return bits
  }

  private startText(): void {
    this.history.fill(BOS)
  }

  /**
   * Moves to the next symbol: `previous` gets the buckets of the grams ending at the last symbol,
   * `current` those of the 1..order-grams ending at `symbol`, hashed right to left so that the
   * k-gram hash extends the (k-1)-gram hash of the same position.
   */
  private step(symbol: number): void {
    const swap = this.previous
    this.previous = this.current
    this.current = swap
    let h = this.seed
    for (let k = 1; k <= this.order; k++) {
      h = murmurRound(h, k === 1 ? symbol : this.history[k - 2])
      this.current[k] = fmix32(h ^ this.orderSalt[k]) & this.mask
    }
    for (let j = this.order - 1; j > 0; j--) this.history[j] = this.history[j - 1]
    this.history[0] = symbol
  }
}
