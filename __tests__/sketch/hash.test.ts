import {
  fmix32,
  fnv1a32,
  hash53,
  murmur3,
  murmur3Bytes,
  murmur3Ints,
  SeededRandom
} from '../../src/sketch/hash.js'

/** Strings with every UTF-16 shape: ASCII, 2- and 3-byte UTF-8, surrogate pairs, lone surrogates. */
function randomStrings(count: number, seed: number): string[] {
  const random = new SeededRandom(seed)
  const out: string[] = []
  for (let s = 0; s < count; s++) {
    const units: number[] = []
    const length = random.next() % 24
    for (let i = 0; i < length; i++) {
      const pick = random.next() % 6
      if (pick === 0) units.push(0x20 + (random.next() % 0x5f))
      else if (pick === 1) units.push(0x80 + (random.next() % 0x780))
      else if (pick === 2) units.push(0x800 + (random.next() % 0xd000))
      else if (pick === 3)
        units.push(0xd800 + (random.next() % 0x400), 0xdc00 + (random.next() % 0x400))
      else if (pick === 4) units.push(0xd800 + (random.next() % 0x800))
      else units.push(random.next() % 0x80)
    }
    out.push(String.fromCharCode(...units))
  }
  return out
}

function fnvReference(bytes: Uint8Array): number {
  let h = 0x811c9dc5
  for (const byte of bytes) h = Math.imul(h ^ byte, 0x01000193)
  return h >>> 0
}

describe('murmur3', () => {
  it('matches the MurmurHash3_x86_32 reference vectors', () => {
    expect(murmur3('', 0)).toBe(0)
    expect(murmur3('', 1)).toBe(0x514e28b7)
    expect(murmur3('', 0xffffffff)).toBe(0x81f16f39)
    const seed = 0x9747b28c
    expect(murmur3('a', seed)).toBe(0x7fa09ea6)
    expect(murmur3('aaaa', seed)).toBe(0x5a97808a)
    expect(murmur3('abc', seed)).toBe(0xc84a62dd)
    expect(murmur3('abcd', seed)).toBe(0xf0478627)
    expect(murmur3('Hello, world!', seed)).toBe(0x24884cba)
    expect(murmur3('The quick brown fox jumps over the lazy dog', seed)).toBe(0x2fa826cd)
    expect(murmur3('ππππππππ', seed)).toBe(0xd58063c1)
  })

  it('hashes the UTF-8 bytes Node would produce, whatever the string', () => {
    const texts = randomStrings(2000, 1)
    const ours = texts.map((text) => murmur3(text, 7))
    expect(ours).toEqual(texts.map((text) => murmur3Bytes(Buffer.from(text, 'utf8'), 7)))
  })

  it('hashes a range like the slice it stands for', () => {
    for (const text of randomStrings(300, 2)) {
      const start = Math.floor(text.length / 3)
      const end = text.length - Math.floor(text.length / 4)
      expect(murmur3(text, 3, start, end)).toBe(murmur3(text.slice(start, end), 3))
    }
  })

  it('hashes integers as their little-endian bytes', () => {
    const values = Uint32Array.of(0, 1, 0xdeadbeef, 0xffffffff, 12345)
    const bytes = new Uint8Array(values.buffer)
    expect(murmur3Ints(values, 9)).toBe(murmur3Bytes(bytes, 9))
    expect(murmur3Ints(values, 9, 1, 3)).toBe(murmur3Bytes(bytes.subarray(4, 12), 9))
    expect(murmur3Ints([1, 2, 3], 0)).toBe(murmur3Ints(Uint32Array.of(1, 2, 3), 0))
  })

  it('spreads similar keys across the output range', () => {
    const buckets = new Uint32Array(16)
    for (let i = 0; i < 16000; i++) buckets[murmur3(`row-${i}`) >>> 28]++
    for (const count of buckets) expect(Math.abs(count - 1000)).toBeLessThan(150)
  })
})

describe('fnv1a32', () => {
  it('matches the FNV-1a reference vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5)
    expect(fnv1a32('a')).toBe(0xe40c292c)
    expect(fnv1a32('foobar')).toBe(0xbf9cf968)
  })

  it('hashes UTF-8 bytes', () => {
    const texts = randomStrings(500, 3)
    expect(texts.map((text) => fnv1a32(text))).toEqual(
      texts.map((text) => fnvReference(Buffer.from(text)))
    )
  })
})

describe('hash53', () => {
  it('returns deterministic safe integers that depend on the seed', () => {
    const value = hash53('dataset row')
    expect(Number.isSafeInteger(value)).toBe(true)
    expect(value).toBeGreaterThanOrEqual(0)
    expect(hash53('dataset row')).toBe(value)
    expect(hash53('dataset row', 1)).not.toBe(value)
    const seen = new Set<number>()
    for (let i = 0; i < 50000; i++) seen.add(hash53(`k${i}`))
    expect(seen.size).toBe(50000)
  })
})

describe('fmix32 and SeededRandom', () => {
  it('fmix32 is a bijection on a sample and returns unsigned values', () => {
    const seen = new Set<number>()
    let smallest = Infinity
    for (let i = 0; i < 1 << 16; i++) {
      const h = fmix32(i)
      smallest = Math.min(smallest, h)
      seen.add(h)
    }
    expect(seen.size).toBe(1 << 16)
    expect(smallest).toBeGreaterThanOrEqual(0)
  })

  it('SeededRandom replays from a seed and resumes from its position', () => {
    const a = new SeededRandom(5)
    const b = new SeededRandom(5)
    const first = [a.next(), a.next(), a.next()]
    expect([b.next(), b.next(), b.next()]).toEqual(first)
    const resumed = new SeededRandom(a.position)
    expect(resumed.next()).toBe(a.next())
    expect(new SeededRandom(6).next()).not.toBe(first[0])
  })
})
