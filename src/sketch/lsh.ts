import { fmix32, murmur3Ints } from './hash.js'
import { estimateJaccard, isEmptySignature } from './signature.js'

/**
 * Banding defaults for 128-permutation signatures: 20 bands of 6 rows (the last 8 values only
 * sharpen similarity estimates). A pair with Jaccard s becomes a candidate with probability
 * 1 - (1 - s^6)^20, an S-curve whose threshold (1/20)^(1/6) is about 0.61:
 *
 *   s     0.3    0.5    0.6    0.7    0.8     0.9
 *   P     0.015  0.27   0.61   0.91   0.998   >0.99999
 *
 * so pairs at Jaccard >= 0.8 are found with probability >= 0.997, while unrelated rows almost never
 * collide. The more common 32 x 4 misses even fewer 0.8 pairs but makes 87% of 0.5 pairs (templated
 * prompts) candidates and costs 60% more memory per indexed row.
 */
export const DEFAULT_BANDS = 20
export const DEFAULT_ROWS_PER_BAND = 6
export const DEFAULT_LSH_SEED = 0x3c6ef372

/** Probability that a pair with Jaccard `s` shares at least one band. */
export function candidateProbability(s: number, bands: number, rowsPerBand: number): number {
  return 1 - Math.pow(1 - Math.pow(s, rowsPerBand), bands)
}

export interface LshOptions {
  bands?: number
  rowsPerBand?: number
  seed?: number
  /**
   * Keep the low 8 bits of every signature value (b-bit MinHash): one byte per permutation and
   * row, enough to verify candidates with `similar` without holding the full signatures.
   */
  fingerprints?: boolean
}

export interface SimilarEntry {
  id: number
  /** Estimated Jaccard similarity. */
  similarity: number
}

/** Tails up to this many entries are scanned linearly rather than sorted on every query. */
const TAIL_SCAN = 64
const MAX_ID = 0x7fffffff

/**
 * Locality-sensitive index over MinHash signatures.
 *
 * Memory is 8 bytes per band per row plus 4 per row (plus one byte per permutation with
 * fingerprints), held in typed arrays: for each band a key column and an entry column, where
 * entries are insertion positions into a shared id column. Rows are appended unsorted and sorted
 * lazily, on query, into runs kept in size order (each run more than twice the next, so there are
 * at most log2(n) runs); a query binary-searches each run. Bulk adds therefore cost one radix sort,
 * and interleaved add/query stays O(log n) amortised per row.
 */
export class LshIndex {
  readonly bands: number
  readonly rowsPerBand: number
  readonly seed: number
  readonly fingerprints: boolean
  private readonly bandSeeds: Int32Array
  private signatureLength = 0
  private length = 0
  private capacity = 0
  private ids = new Int32Array(0)
  private keys: Uint32Array[]
  private entries: Int32Array[]
  private prints = new Uint8Array(0)
  /** End offsets of the sorted runs; the last one is where the unsorted tail starts. */
  private runs: number[] = []

  constructor(options: LshOptions = {}) {
    this.bands = options.bands ?? DEFAULT_BANDS
    this.rowsPerBand = options.rowsPerBand ?? DEFAULT_ROWS_PER_BAND
    this.seed = options.seed ?? DEFAULT_LSH_SEED
    this.fingerprints = options.fingerprints ?? false
    for (const [name, value] of [
      ['bands', this.bands],
      ['rowsPerBand', this.rowsPerBand]
    ] as const) {
      if (!Number.isInteger(value) || value < 1)
        throw new RangeError(`${name} must be >= 1: ${value}`)
    }
    this.bandSeeds = new Int32Array(this.bands)
    for (let b = 0; b < this.bands; b++) this.bandSeeds[b] = fmix32(this.seed + b + 1)
    this.keys = Array.from({ length: this.bands }, () => new Uint32Array(0))
    this.entries = Array.from({ length: this.bands }, () => new Int32Array(0))
  }

  /** Rows indexed. */
  get size(): number {
    return this.length
  }

  /** Bytes held by the index's arrays (capacity, not just used length). */
  get byteLength(): number {
    return this.capacity * (4 + 8 * this.bands) + this.prints.byteLength
  }

  /**
   * Indexes `signature` under `id` (a non-negative int32). Empty signatures are skipped (returns
   * false) since they would collide with every other empty row.
   */
  add(id: number, signature: Uint32Array): boolean {
    this.checkSignature(signature)
    if (!Number.isInteger(id) || id < 0 || id > MAX_ID) {
      throw new RangeError(`id must be an integer in [0, 2^31): ${id}`)
    }
    if (isEmptySignature(signature)) return false
    this.reserve(this.length + 1)
    const at = this.length
    for (let b = 0; b < this.bands; b++) {
      this.keys[b][at] = this.bandKey(signature, b)
      this.entries[b][at] = at
    }
    this.ids[at] = id
    if (this.fingerprints) {
      const base = at * this.signatureLength
      for (let i = 0; i < this.signatureLength; i++) this.prints[base + i] = signature[i] & 0xff
    }
    this.length++
    return true
  }

  /** Ids sharing at least one band with `signature`, ascending and without repeats. */
  query(signature: Uint32Array): number[] {
    const found = new Set<number>()
    for (const entry of this.candidateEntries(signature)) found.add(this.ids[entry])
    return [...found].sort((x, y) => x - y)
  }

  /**
   * Candidates verified against the stored fingerprints: ids whose estimated Jaccard with
   * `signature` is at least `threshold`, most similar first. Requires `fingerprints: true`.
   */
  similar(signature: Uint32Array, threshold = 0.8): SimilarEntry[] {
    if (!this.fingerprints)
      throw new Error('LshIndex.similar needs an index built with fingerprints')
    const best = new Map<number, number>()
    const width = this.signatureLength
    // A b-bit slot agrees by chance with probability 1/256; correct the raw agreement for it.
    const chance = 1 / 256
    for (const entry of this.candidateEntries(signature)) {
      const base = entry * width
      let same = 0
      for (let i = 0; i < width; i++) if (this.prints[base + i] === (signature[i] & 0xff)) same++
      const similarity = Math.max(0, (same / width - chance) / (1 - chance))
      const id = this.ids[entry]
      if (similarity >= threshold && similarity > (best.get(id) ?? -1)) best.set(id, similarity)
    }
    return [...best]
      .map(([id, similarity]) => ({ id, similarity }))
      .sort((x, y) => y.similarity - x.similarity || x.id - y.id)
  }

  /**
   * Adds every row of `other` (same bands, rows per band, seed and fingerprint setting), with
   * `idOffset` added to its ids so that row numbers of different shards stay distinct.
   */
  merge(other: LshIndex, idOffset = 0): void {
    if (other === this) throw new Error('cannot merge an LshIndex into itself')
    if (
      other.bands !== this.bands ||
      other.rowsPerBand !== this.rowsPerBand ||
      other.seed !== this.seed ||
      other.fingerprints !== this.fingerprints
    ) {
      throw new Error('cannot merge LshIndex instances with different settings')
    }
    if (other.length === 0) return
    if (this.fingerprints) {
      if (this.signatureLength !== 0 && this.signatureLength !== other.signatureLength) {
        throw new Error('cannot merge LshIndex instances built from different signature lengths')
      }
      this.signatureLength = other.signatureLength
    }
    this.sortTail(true)
    const base = this.length
    this.reserve(base + other.length)
    for (let i = 0; i < other.length; i++) {
      const id = other.ids[i] + idOffset
      if (!Number.isInteger(id) || id < 0 || id > MAX_ID)
        throw new RangeError(`merged id out of range: ${id}`)
      this.ids[base + i] = id
    }
    for (let b = 0; b < this.bands; b++) {
      this.keys[b].set(other.keys[b].subarray(0, other.length), base)
      const entries = this.entries[b]
      const from = other.entries[b]
      for (let i = 0; i < other.length; i++) entries[base + i] = from[i] + base
    }
    if (this.fingerprints) {
      const width = this.signatureLength
      this.prints.set(other.prints.subarray(0, other.length * width), base * width)
    }
    this.length = base + other.length
    // Other's sorted runs stay sorted after the shift; its unsorted tail becomes ours.
    for (const end of other.runs) {
      this.runs.push(end + base)
      this.collapseRuns()
    }
  }

  private checkSignature(signature: Uint32Array): void {
    if (signature.length < this.bands * this.rowsPerBand) {
      throw new RangeError(
        `signature of ${signature.length} values is shorter than ${this.bands} x ${this.rowsPerBand}`
      )
    }
    if (!this.fingerprints) return
    if (this.signatureLength === 0) this.signatureLength = signature.length
    else if (signature.length !== this.signatureLength) {
      throw new RangeError(
        `signature length ${signature.length}, index holds ${this.signatureLength}`
      )
    }
  }

  private bandKey(signature: Uint32Array, band: number): number {
    const start = band * this.rowsPerBand
    return murmur3Ints(signature, this.bandSeeds[band], start, start + this.rowsPerBand)
  }

  /** Entry positions that share a band with `signature`, ascending. */
  private candidateEntries(signature: Uint32Array): number[] {
    this.checkSignature(signature)
    if (isEmptySignature(signature) || this.length === 0) return []
    this.sortTail(false)
    const found: number[] = []
    const sortedEnd = this.sortedEnd()
    for (let b = 0; b < this.bands; b++) {
      const key = this.bandKey(signature, b)
      const keys = this.keys[b]
      const entries = this.entries[b]
      let start = 0
      for (const end of this.runs) {
        for (let i = lowerBound(keys, key, start, end); i < end && keys[i] === key; i++) {
          found.push(entries[i])
        }
        start = end
      }
      for (let i = sortedEnd; i < this.length; i++) if (keys[i] === key) found.push(entries[i])
    }
    found.sort((x, y) => x - y)
    let unique = 0
    for (let i = 0; i < found.length; i++)
      if (i === 0 || found[i] !== found[i - 1]) found[unique++] = found[i]
    found.length = unique
    return found
  }

  private sortedEnd(): number {
    return this.runs.length === 0 ? 0 : this.runs[this.runs.length - 1]
  }

  /** Turns the unsorted tail into a run when it is too long to scan (or always, when `force`). */
  private sortTail(force: boolean): void {
    const start = this.sortedEnd()
    const n = this.length - start
    if (n === 0 || (!force && n <= TAIL_SCAN)) return
    for (let b = 0; b < this.bands; b++)
      sortPairs(this.keys[b], this.entries[b], start, this.length)
    this.runs.push(this.length)
    this.collapseRuns()
  }

  /** Merges the last two runs while the older is not more than twice the newer. */
  private collapseRuns(): void {
    while (this.runs.length >= 2) {
      const count = this.runs.length
      const mid = this.runs[count - 2]
      const end = this.runs[count - 1]
      const start = count >= 3 ? this.runs[count - 3] : 0
      if (mid - start > 2 * (end - mid)) return
      for (let b = 0; b < this.bands; b++) mergeRuns(this.keys[b], this.entries[b], start, mid, end)
      this.runs.splice(count - 2, 1)
    }
  }

  private reserve(needed: number): void {
    if (needed <= this.capacity) return
    const capacity = Math.max(1024, Math.ceil(this.capacity * 1.5), needed)
    const ids = new Int32Array(capacity)
    ids.set(this.ids.subarray(0, this.length))
    this.ids = ids
    for (let b = 0; b < this.bands; b++) {
      const keys = new Uint32Array(capacity)
      keys.set(this.keys[b].subarray(0, this.length))
      this.keys[b] = keys
      const entries = new Int32Array(capacity)
      entries.set(this.entries[b].subarray(0, this.length))
      this.entries[b] = entries
    }
    if (this.fingerprints) {
      const prints = new Uint8Array(capacity * Math.max(1, this.signatureLength))
      prints.set(this.prints.subarray(0, this.length * this.signatureLength))
      this.prints = prints
    }
    this.capacity = capacity
  }
}

function lowerBound(keys: Uint32Array, key: number, start: number, end: number): number {
  let lo = start
  let hi = end
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (keys[mid] < key) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Sorts keys[start, end) ascending, carrying values along: insertion sort or 4-pass LSD radix. */
function sortPairs(keys: Uint32Array, values: Int32Array, start: number, end: number): void {
  const n = end - start
  if (n <= 64) {
    for (let i = start + 1; i < end; i++) {
      const key = keys[i]
      const value = values[i]
      let j = i - 1
      while (j >= start && keys[j] > key) {
        keys[j + 1] = keys[j]
        values[j + 1] = values[j]
        j--
      }
      keys[j + 1] = key
      values[j + 1] = value
    }
    return
  }
  let srcKeys: Uint32Array = keys.subarray(start, end)
  let srcValues: Int32Array = values.subarray(start, end)
  let dstKeys: Uint32Array = new Uint32Array(n)
  let dstValues: Int32Array = new Int32Array(n)
  const counts = new Int32Array(256)
  for (let shift = 0; shift < 32; shift += 8) {
    counts.fill(0)
    for (let i = 0; i < n; i++) counts[(srcKeys[i] >>> shift) & 0xff]++
    let sum = 0
    for (let d = 0; d < 256; d++) {
      const c = counts[d]
      counts[d] = sum
      sum += c
    }
    for (let i = 0; i < n; i++) {
      const at = counts[(srcKeys[i] >>> shift) & 0xff]++
      dstKeys[at] = srcKeys[i]
      dstValues[at] = srcValues[i]
    }
    ;[srcKeys, dstKeys] = [dstKeys, srcKeys]
    ;[srcValues, dstValues] = [dstValues, srcValues]
  }
  // After an even number of passes the sorted data is back in the caller's arrays.
}

/** Merges the adjacent sorted ranges [start, mid) and [mid, end) in place (via a scratch copy). */
function mergeRuns(
  keys: Uint32Array,
  values: Int32Array,
  start: number,
  mid: number,
  end: number
): void {
  const leftKeys = keys.slice(start, mid)
  const leftValues = values.slice(start, mid)
  let i = 0
  let j = mid
  let k = start
  const leftLength = mid - start
  while (i < leftLength && j < end) {
    if (keys[j] < leftKeys[i]) {
      keys[k] = keys[j]
      values[k++] = values[j++]
    } else {
      keys[k] = leftKeys[i]
      values[k++] = leftValues[i++]
    }
  }
  while (i < leftLength) {
    keys[k] = leftKeys[i]
    values[k++] = leftValues[i++]
  }
}

/**
 * Clusters rows whose estimated Jaccard is at least `threshold`: every indexed candidate of each
 * signature is verified against its full signature and joined by union-find, so groups are the
 * connected components of the "near-duplicate" relation. `signatures[id]` is the signature of row
 * `id` (absent for rows to ignore). Returns groups of two or more ids, each ascending, ordered by
 * their smallest id.
 */
export function nearDuplicateGroups(
  signatures: readonly (Uint32Array | undefined)[],
  index: LshIndex,
  threshold = 0.8
): number[][] {
  const parent = new Int32Array(signatures.length)
  for (let i = 0; i < parent.length; i++) parent[i] = i
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]]
      x = parent[x]
    }
    return x
  }
  for (let id = 0; id < signatures.length; id++) {
    const signature = signatures[id]
    if (signature === undefined) continue
    for (const other of index.query(signature)) {
      if (other <= id || other >= signatures.length) continue
      const candidate = signatures[other]
      if (candidate === undefined || estimateJaccard(signature, candidate) < threshold) continue
      const a = find(id)
      const b = find(other)
      // Smaller root wins so the result does not depend on visiting order.
      if (a < b) parent[b] = a
      else if (b < a) parent[a] = b
    }
  }
  const groups = new Map<number, number[]>()
  for (let id = 0; id < signatures.length; id++) {
    if (signatures[id] === undefined) continue
    const root = find(id)
    const group = groups.get(root)
    if (group === undefined) groups.set(root, [id])
    else group.push(id)
  }
  return [...groups.values()].filter((group) => group.length >= 2).sort((x, y) => x[0] - y[0])
}
