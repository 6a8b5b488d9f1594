import { murmur3 } from './hash.js'

export const DEFAULT_HOLDOUT_ONE_IN = 20
export const DEFAULT_HOLDOUT_SEED = 0x9b05688c

/**
 * Whether a base row is held out of model fitting (about 1 in `oneIn`). Decided by a hash of the
 * row's key (its content hash, say) rather than its position, so the same rows are held out
 * whichever way the base is split into shards and whatever order they are read in.
 */
export function isHeldOut(
  key: string,
  oneIn = DEFAULT_HOLDOUT_ONE_IN,
  seed = DEFAULT_HOLDOUT_SEED
): boolean {
  if (!Number.isInteger(oneIn) || oneIn < 1) throw new RangeError(`oneIn must be >= 1: ${oneIn}`)
  return murmur3(key, seed) % oneIn === 0
}

/**
 * The q-quantile of `values` by linear interpolation between order statistics (R's type 7, the
 * numpy default). NaN values are ignored; returns NaN when nothing is left.
 */
export function quantile(values: ArrayLike<number>, q: number): number {
  return quantileSorted(sortedFinite(values), q)
}

function sortedFinite(values: ArrayLike<number>): Float64Array {
  const sorted = new Float64Array(values.length)
  let n = 0
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) sorted[n++] = values[i]
  return sorted.subarray(0, n).sort()
}

function quantileSorted(sorted: Float64Array, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1]: ${q}`)
  if (sorted.length === 0) return NaN
  const position = q * (sorted.length - 1)
  const below = Math.floor(position)
  const above = Math.min(below + 1, sorted.length - 1)
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below)
}

export interface ScoreCalibration {
  /** Held-out scores the calibration rests on. */
  readonly count: number
  /** The q-quantile of the held-out scores. */
  threshold(q: number): number
  /**
   * Share of held-out scores at or above `score`, with add-one smoothing so it is never 0: an
   * empirical p-value for "a row like the base would score this high".
   */
  exceedance(score: number): number
}

/**
 * Wraps the scores of held-out base rows (rows the model was not fitted on, hence an honest
 * picture of how in-distribution text scores) for thresholding the scores of added rows.
 */
export function calibrate(heldOutScores: ArrayLike<number>): ScoreCalibration {
  const sorted = sortedFinite(heldOutScores)
  return {
    count: sorted.length,
    threshold: (q) => quantileSorted(sorted, q),
    exceedance: (score) => {
      let lo = 0
      let hi = sorted.length
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if (sorted[mid] < score) lo = mid + 1
        else hi = mid
      }
      return (sorted.length - lo + 1) / (sorted.length + 1)
    }
  }
}
