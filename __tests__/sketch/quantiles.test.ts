import { SeededRandom } from '../../src/sketch/hash.js'
import { QuantileSketch } from '../../src/sketch/quantiles.js'

function uniform(count: number, seed: number): Float64Array {
  const random = new SeededRandom(seed)
  return Float64Array.from({ length: count }, () => random.next() / 2 ** 32)
}

/** Worst distance, over the percentiles 0.1% .. 99.9%, between q and the true rank of quantile(q). */
function worstRankError(sketch: QuantileSketch, sorted: Float64Array): number {
  const n = sorted.length
  const firstAbove = (x: number, inclusive: boolean): number => {
    let lo = 0
    let hi = n
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (sorted[mid] < x || (inclusive && sorted[mid] === x)) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  let worst = 0
  for (let p = 1; p < 1000; p++) {
    const q = p / 1000
    const value = sketch.quantile(q)
    // The value's true ranks span [below / n, upTo / n] when it is repeated.
    const below = firstAbove(value, false) / n
    const upTo = firstAbove(value, true) / n
    worst = Math.max(worst, q < below ? below - q : q > upTo ? q - upTo : 0)
  }
  return worst
}

/** Lower empirical quantile, the definition the sketch uses. */
function exactQuantile(sorted: Float64Array, q: number): number {
  if (q <= 0) return sorted[0]
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]
}

describe('QuantileSketch', () => {
  it('is exact up to its exact capacity', () => {
    const values = uniform(4096, 1).map((x) => Math.round(x * 500))
    const sketch = new QuantileSketch()
    values.forEach((x) => sketch.add(x))
    const sorted = values.slice().sort()
    expect(sketch.exact).toBe(true)
    expect(sketch.count).toBe(4096)
    for (let p = 0; p <= 200; p++)
      expect(sketch.quantile(p / 200)).toBe(exactQuantile(sorted, p / 200))
    expect(sketch.values()).toEqual(sorted)
    expect(sketch.rank(250)).toBe(sorted.filter((x) => x <= 250).length / 4096)
    expect(sketch.min).toBe(sorted[0])
    expect(sketch.max).toBe(sorted[4095])
  })

  it.each([
    ['uniform', (n: number) => uniform(n, 2)],
    ['ascending', (n: number) => Float64Array.from({ length: n }, (_, i) => i)],
    ['descending', (n: number) => Float64Array.from({ length: n }, (_, i) => n - i)],
    ['heavy-tailed with ties', (n: number) => uniform(n, 3).map((u) => Math.floor(1 / (u + 1e-6)))]
  ])('keeps rank error under 1%% on 10^6 %s values', (_name, make) => {
    const values = make(1_000_000)
    const sketch = new QuantileSketch()
    for (let i = 0; i < values.length; i++) sketch.add(values[i])
    expect(sketch.exact).toBe(false)
    expect(worstRankError(sketch, values.sort())).toBeLessThan(0.01)
    // Bounded memory: under a thousand values retained, not 10^6.
    expect(sketch.retainedCount).toBeLessThan(1000)
    expect(sketch.min).toBe(values[0])
    expect(sketch.max).toBe(values[values.length - 1])
  })

  it('stays accurate when eight shards are merged', () => {
    const values = uniform(400_000, 4)
    const shards = Array.from({ length: 8 }, () => new QuantileSketch())
    values.forEach((x, i) => shards[i % 8].add(x))
    const merged = shards.reduce((into, shard) => {
      into.merge(shard)
      return into
    }, new QuantileSketch())
    expect(merged.count).toBe(400_000)
    expect(worstRankError(merged, values.sort())).toBeLessThan(0.01)
  })

  it('merges exact sketches into exactly the single-pass sketch', () => {
    const values = uniform(3000, 5)
    const single = new QuantileSketch()
    const left = new QuantileSketch()
    const right = new QuantileSketch()
    values.forEach((x, i) => {
      single.add(x)
      if (i < 1234) left.add(x)
      else right.add(x)
    })
    left.merge(right)
    expect(left.toJSON()).toEqual(single.toJSON())
    expect(right.count).toBe(3000 - 1234)
    expect(() => left.merge(new QuantileSketch({ k: 64 }))).toThrow()
  })

  it('is deterministic and resumes exactly from JSON', () => {
    const values = uniform(50_000, 6)
    const a = new QuantileSketch()
    const b = new QuantileSketch()
    values.forEach((x) => {
      a.add(x)
      b.add(x)
    })
    expect(a.toJSON()).toEqual(b.toJSON())
    const revived = QuantileSketch.fromJSON(JSON.parse(JSON.stringify(a.toJSON())))
    expect(revived.quantile(0.37)).toBe(a.quantile(0.37))
    const more = uniform(20_000, 7)
    more.forEach((x) => {
      a.add(x)
      revived.add(x)
    })
    expect(revived.toJSON()).toEqual(a.toJSON())
    expect(new QuantileSketch({ seed: 99 }).toJSON().state).not.toBe(a.toJSON().state)
  })

  it('rejects JSON whose weights do not add up', () => {
    const json = new QuantileSketch()
    ;[1, 2, 3].forEach((x) => json.add(x))
    const data = json.toJSON()
    expect(() => QuantileSketch.fromJSON({ ...data, count: 4 })).toThrow()
  })

  it('summarises an approximate sketch with evenly spread values and weights', () => {
    const sketch = new QuantileSketch({ exactCapacity: 100 })
    for (let i = 0; i < 10_000; i++) sketch.add(i)
    const sample = sketch.values(100)
    expect(sample).toHaveLength(100)
    for (let i = 0; i < 100; i++) expect(Math.abs(sample[i] - (i + 0.5) * 100)).toBeLessThan(150)
    const { values, weights } = sketch.weightedValues()
    expect(weights.reduce((a, b) => a + b, 0)).toBe(10_000)
    expect(values).toHaveLength(sketch.retainedCount)
  })

  it('ignores values that cannot be ranked or serialised', () => {
    const sketch = new QuantileSketch()
    for (const x of [NaN, Infinity, -Infinity, 2, 1]) sketch.add(x)
    expect(sketch.count).toBe(2)
    expect(sketch.quantile(0.5)).toBe(1)
    expect(new QuantileSketch().quantile(0.5)).toBeNaN()
    expect(new QuantileSketch().toJSON().min).toBeNull()
  })
})
