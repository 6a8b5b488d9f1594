/**
 * Shared by the stats tests: a relative-tolerance assertion for reference values pinned from SciPy,
 * and a generator whose output Python can reproduce bit for bit (Park-Miller, 48271 * s mod 2^31-1
 * stays below 2^53, so it is exact in doubles), so samples of 200 000 values need not be pasted.
 */

/** |actual - expected| <= rel * |expected|; exact equality when expected is 0, 1 or infinite. */
export function expectClose(actual: number, expected: number, rel = 1e-6): void {
  if (expected === 0 || !Number.isFinite(expected)) {
    expect(actual).toBe(expected)
    return
  }
  const error = Math.abs(actual - expected) / Math.abs(expected)
  if (!(error <= rel)) {
    throw new Error(`expected ${expected}, got ${actual} (relative error ${error} > ${rel})`)
  }
}

/** Park-Miller uniforms in (0, 1); Python: s = 48271 * s % 2147483647; u = s / 2147483647. */
export function uniforms(seed: number, n: number, shift = 0): number[] {
  let s = seed
  const out = new Array<number>(n)
  for (let i = 0; i < n; i++) {
    s = (48271 * s) % 2147483647
    out[i] = s / 2147483647 + shift
  }
  return out
}

/** Integers 0..k-1 from the same stream, for heavily tied samples (Python: floor(u * k)). */
export function smallIntegers(seed: number, n: number, k: number): number[] {
  return uniforms(seed, n).map((u) => Math.floor(u * k))
}
