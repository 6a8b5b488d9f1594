/**
 * Test-only generators. Credential-shaped fixtures are assembled at run time from a seeded PRNG so
 * that no token-looking literal sits in the repository (push protection and secret scanners would
 * rightly complain about one).
 */

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
export const LOWER = 'abcdefghijklmnopqrstuvwxyz'
export const DIGITS = '0123456789'
export const ALNUM = UPPER + LOWER + DIGITS
export const BASE32 = UPPER + '234567'
export const HEX = '0123456789abcdef'

/** mulberry32: tiny, deterministic, good enough for fixtures. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function randomString(alphabet: string, length: number, seed: number): string {
  const next = prng(seed)
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)]
  return out
}

/** Appends the Luhn check digit to `body`. */
export function withLuhnDigit(body: string): string {
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i])
    if (i % 2 === 0) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return body + String((10 - (sum % 10)) % 10)
}

export function group(digits: string, sizes: number[], separator: string): string {
  const parts: string[] = []
  let at = 0
  for (const size of sizes) {
    parts.push(digits.slice(at, at + size))
    at += size
  }
  return parts.join(separator)
}

export function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}
