import { HyperLogLog } from './hll.js'

export interface FrequencyEntry {
  value: string
  /** Exact while the sketch is exact; afterwards a lower bound, at most `maxError` below the truth. */
  count: number
}

/** Plain-data form of a sketch, for JSON. */
export interface FrequencySketchJSON {
  cap: number
  total: number
  exact: boolean
  /** Largest possible undercount of any value (0 while exact). */
  maxError: number
  /** Most frequent first, ties by value. */
  entries: [string, number][]
  /** HyperLogLog registers (base64) counting distinct values once the sketch is approximate. */
  distinctSketch: string | null
}

/**
 * 10,000 distinct values covers labels, categories, languages and sources exactly; columns with
 * more (IDs, free text) are not categorical, and for them only the heavy hitters matter.
 */
export const DEFAULT_FREQUENCY_CAP = 10_000

/** Alias outside the hot path's global scope (slow global lookups under Jest's vm contexts). */
const isSafeInteger = Number.isSafeInteger

function byCountThenValue(a: [string, number], b: [string, number]): number {
  return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)
}

/**
 * A mergeable category counter: exact counts for up to `cap` distinct values, then a Misra–Gries
 * heavy-hitter summary. On overflow it subtracts, from every counter, the count of the
 * (cap/2 + 1)-th largest and drops those left at zero (batched decrements, as in Apache
 * DataSketches), which is O(1) amortised per value and underestimates any count by at most
 * 2 * total / cap. Distinct values stay exact until the cap, then come from a HyperLogLog seeded
 * with every value seen so far (all of which the exact phase still holds).
 */
export class FrequencySketch {
  readonly cap: number
  private counts = new Map<string, number>()
  private n = 0
  private offset = 0
  private distinctCounter: HyperLogLog | null = null

  constructor(cap = DEFAULT_FREQUENCY_CAP) {
    if (!Number.isInteger(cap) || cap < 2)
      throw new RangeError(`cap must be an integer >= 2: ${cap}`)
    this.cap = cap
  }

  /** Total weight added. */
  get total(): number {
    return this.n
  }

  /** True while every value and count is known exactly. */
  get exact(): boolean {
    return this.distinctCounter === null
  }

  /** Largest possible undercount of any reported count (0 while exact). */
  get maxError(): number {
    return this.offset
  }

  /** Distinct values: exact while `exact`, otherwise a HyperLogLog estimate (about ±1.6%). */
  get distinct(): number {
    if (this.distinctCounter === null) return this.counts.size
    return Math.max(this.counts.size, Math.round(this.distinctCounter.estimate()))
  }

  /** Values currently held (at most `cap`). */
  get tracked(): number {
    return this.counts.size
  }

  add(value: string, weight = 1): void {
    if (!(weight > 0) || !isSafeInteger(weight)) {
      throw new RangeError(`weight must be a positive integer: ${weight}`)
    }
    this.n += weight
    const count = this.counts.get(value)
    if (count !== undefined) {
      this.counts.set(value, count + weight)
      return
    }
    this.counts.set(value, weight)
    // Held values are already in the distinct counter: only new arrivals need hashing.
    if (this.distinctCounter !== null) this.distinctCounter.add(value)
    if (this.counts.size > this.cap) this.overflow()
  }

  /** Count of `value` (a lower bound once approximate; 0 for values not held). */
  count(value: string): number {
    return this.counts.get(value) ?? 0
  }

  /** The k most frequent values, most frequent first, ties broken by value. */
  top(k: number): FrequencyEntry[] {
    return this.sortedEntries()
      .slice(0, Math.max(0, k))
      .map(([value, count]) => ({ value, count }))
  }

  /** Weight outside the top k: the `other` bucket of a top-k summary. */
  otherCount(k: number): number {
    let inTop = 0
    for (const entry of this.top(k)) inTop += entry.count
    return this.n - inTop
  }

  /** Adds `other` (same cap) into this sketch; `other` is unchanged. */
  merge(other: FrequencySketch): void {
    if (other.cap !== this.cap)
      throw new Error('cannot merge FrequencySketch instances with different caps')
    const entries = [...other.counts]
    for (const [value, count] of entries)
      this.counts.set(value, (this.counts.get(value) ?? 0) + count)
    this.n += other.n
    this.offset += other.offset
    if (this.exact && other.exact && this.counts.size <= this.cap) return
    if (this.distinctCounter === null) {
      // Exact until now, so the merged map holds all of our distinct values (and other's held ones).
      this.distinctCounter = new HyperLogLog()
      for (const value of this.counts.keys()) this.distinctCounter.add(value)
    } else if (other.distinctCounter === null) {
      for (const [value] of entries) this.distinctCounter.add(value)
    }
    if (other.distinctCounter !== null) this.distinctCounter.merge(other.distinctCounter)
    if (this.counts.size > this.cap) this.purge()
  }

  toJSON(): FrequencySketchJSON {
    return {
      cap: this.cap,
      total: this.n,
      exact: this.exact,
      maxError: this.offset,
      entries: this.sortedEntries(),
      distinctSketch: this.distinctCounter === null ? null : this.distinctCounter.toBase64()
    }
  }

  static fromJSON(data: FrequencySketchJSON): FrequencySketch {
    const sketch = new FrequencySketch(data.cap)
    let held = 0
    for (const [value, count] of data.entries) {
      sketch.counts.set(value, count)
      held += count
    }
    if (held > data.total || (data.exact && held !== data.total)) {
      throw new Error(`FrequencySketch JSON counts add up to ${held}, total says ${data.total}`)
    }
    sketch.n = data.total
    sketch.offset = data.maxError
    if (!data.exact) {
      if (data.distinctSketch === null)
        throw new Error('approximate FrequencySketch JSON lacks its distinct sketch')
      sketch.distinctCounter = HyperLogLog.fromBase64(data.distinctSketch)
    }
    return sketch
  }

  private sortedEntries(): [string, number][] {
    return [...this.counts].sort(byCountThenValue)
  }

  private overflow(): void {
    if (this.distinctCounter === null) {
      this.distinctCounter = new HyperLogLog()
      for (const value of this.counts.keys()) this.distinctCounter.add(value)
    }
    this.purge()
  }

  /** Batched Misra–Gries decrement: keeps at most cap/2 values. */
  private purge(): void {
    const counts = Float64Array.from(this.counts.values()).sort()
    const keep = Math.floor(this.cap / 2)
    const cut = counts[counts.length - keep - 1]
    for (const [value, count] of this.counts) {
      if (count <= cut) this.counts.delete(value)
      else this.counts.set(value, count - cut)
    }
    this.offset += cut
  }
}
