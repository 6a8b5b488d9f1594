import { FrequencySketch } from '../../src/sketch/frequencies.js'
import { SeededRandom } from '../../src/sketch/hash.js'
import { HyperLogLog } from '../../src/sketch/hll.js'

/** A Zipf-like stream over `distinct` values: value i appears about total / (i + 1) / H times. */
function zipf(length: number, distinct: number, seed: number): string[] {
  const random = new SeededRandom(seed)
  const weights = Float64Array.from({ length: distinct }, (_, i) => 1 / (i + 1))
  const cumulative = new Float64Array(distinct)
  let sum = 0
  weights.forEach((w, i) => (cumulative[i] = sum += w))
  return Array.from({ length }, () => {
    const target = (random.next() / 2 ** 32) * sum
    let lo = 0
    let hi = distinct - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (cumulative[mid] < target) lo = mid + 1
      else hi = mid
    }
    return `v${lo}`
  })
}

function exactCounts(values: string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  return counts
}

describe('FrequencySketch (exact phase)', () => {
  it('counts exactly and orders ties by value', () => {
    const sketch = new FrequencySketch()
    for (const value of ['b', 'a', 'c', 'a', 'b', 'd', 'a']) sketch.add(value)
    expect(sketch.total).toBe(7)
    expect(sketch.distinct).toBe(4)
    expect(sketch.exact).toBe(true)
    expect(sketch.top(3)).toEqual([
      { value: 'a', count: 3 },
      { value: 'b', count: 2 },
      { value: 'c', count: 1 }
    ])
    expect(sketch.otherCount(3)).toBe(1)
    expect(sketch.count('d')).toBe(1)
    expect(sketch.count('zzz')).toBe(0)
    expect(sketch.maxError).toBe(0)
    expect(() => sketch.add('x', 0)).toThrow(RangeError)
  })

  it('merges into exactly the single-pass sketch', () => {
    const values = zipf(20_000, 3000, 1)
    const single = new FrequencySketch()
    const left = new FrequencySketch()
    const right = new FrequencySketch()
    values.forEach((value, i) => {
      single.add(value)
      if (i % 3 === 0) left.add(value)
      else right.add(value)
    })
    left.merge(right)
    expect(left.toJSON()).toEqual(single.toJSON())
    expect(left.exact).toBe(true)
    expect(() => left.merge(new FrequencySketch(50))).toThrow()
  })

  it('round-trips through JSON', () => {
    const sketch = new FrequencySketch()
    for (const value of zipf(5000, 500, 2)) sketch.add(value)
    const revived = FrequencySketch.fromJSON(JSON.parse(JSON.stringify(sketch.toJSON())))
    expect(revived.toJSON()).toEqual(sketch.toJSON())
    expect(() => FrequencySketch.fromJSON({ ...sketch.toJSON(), total: 1 })).toThrow()
  })
})

describe('FrequencySketch (past the cap)', () => {
  const cap = 1000
  const values = zipf(200_000, 50_000, 3)
  const truth = exactCounts(values)
  const heavy = [...truth].sort((a, b) => b[1] - a[1]).slice(0, 20)

  function checkHeavyHitters(sketch: FrequencySketch): void {
    expect(sketch.exact).toBe(false)
    expect(sketch.tracked).toBeLessThanOrEqual(cap)
    expect(sketch.maxError).toBeLessThanOrEqual((2 * sketch.total) / cap)
    for (const [value, count] of heavy) {
      const estimate = sketch.count(value)
      expect(estimate).toBeLessThanOrEqual(count)
      expect(estimate).toBeGreaterThanOrEqual(count - sketch.maxError)
    }
    // The top 10 reported are the true top 10 (their gaps exceed the error bound).
    expect(
      sketch
        .top(10)
        .map((entry) => entry.value)
        .sort()
    ).toEqual(
      heavy
        .slice(0, 10)
        .map(([value]) => value)
        .sort()
    )
    expect(Math.abs(sketch.distinct - truth.size) / truth.size).toBeLessThan(0.05)
    expect(
      sketch.otherCount(10) + sketch.top(10).reduce((sum, entry) => sum + entry.count, 0)
    ).toBe(sketch.total)
  }

  it('keeps heavy hitters within the Misra–Gries bound in bounded memory', () => {
    const sketch = new FrequencySketch(cap)
    for (const value of values) sketch.add(value)
    expect(sketch.total).toBe(values.length)
    checkHeavyHitters(sketch)
  })

  it('keeps the bound after merging exact and approximate shards', () => {
    const shards = [new FrequencySketch(cap), new FrequencySketch(cap), new FrequencySketch(cap)]
    // The last shard stays exact (few distinct values), the others overflow.
    values.forEach((value, i) => shards[i < 400 ? 2 : i % 2].add(value))
    expect(shards[2].exact).toBe(true)
    const merged = new FrequencySketch(cap)
    merged.merge(shards[2])
    merged.merge(shards[0])
    merged.merge(shards[1])
    expect(merged.total).toBe(values.length)
    checkHeavyHitters(merged)
    const revived = FrequencySketch.fromJSON(JSON.parse(JSON.stringify(merged.toJSON())))
    expect(revived.distinct).toBe(merged.distinct)
    expect(revived.toJSON()).toEqual(merged.toJSON())
  })

  it('is deterministic', () => {
    const a = new FrequencySketch(cap)
    const b = new FrequencySketch(cap)
    for (const value of values.slice(0, 50_000)) {
      a.add(value)
      b.add(value)
    }
    expect(a.toJSON()).toEqual(b.toJSON())
  })
})

describe('HyperLogLog', () => {
  it.each([100, 5000, 200_000])('estimates %i distinct values within 5%%', (n) => {
    const hll = new HyperLogLog()
    for (let i = 0; i < n; i++) {
      hll.add(`item-${i}`)
      hll.add(`item-${i >> 1}`)
    }
    expect(Math.abs(hll.estimate() - n) / n).toBeLessThan(0.05)
  })

  it('merges as the union', () => {
    const a = new HyperLogLog()
    const b = new HyperLogLog()
    for (let i = 0; i < 30_000; i++) a.add(`x${i}`)
    for (let i = 20_000; i < 60_000; i++) b.add(`x${i}`)
    a.merge(b)
    expect(Math.abs(a.estimate() - 60_000) / 60_000).toBeLessThan(0.05)
    const revived = HyperLogLog.fromBase64(a.toBase64())
    expect(revived.estimate()).toBe(a.estimate())
    expect(() => a.merge(new HyperLogLog(10))).toThrow()
  })
})
