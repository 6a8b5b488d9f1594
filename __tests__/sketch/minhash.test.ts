import { murmur3, SeededRandom } from '../../src/sketch/hash.js'
import {
  DEFAULT_SHINGLE_SEED,
  EMPTY_SLOT,
  LshIndex,
  candidateProbability,
  estimateJaccard,
  isEmptySignature,
  minhashSignature,
  nearDuplicateGroups,
  shingleHashes,
  shingles,
  textSignature
} from '../../src/sketch/minhash.js'
import { ENGLISH } from './fixtures/corpus.js'

/**
 * Two sets of random 32-bit values overlapping in a known way: A = u[0, n), B = u[shift, n + shift),
 * so Jaccard(A, B) = (n - shift) / (n + shift).
 */
function pair(random: SeededRandom, n: number, shift: number): [Uint32Array, Uint32Array] {
  const universe = new Uint32Array(n + shift)
  for (let i = 0; i < universe.length; i++) universe[i] = random.next()
  return [universe.slice(0, n), universe.slice(shift)]
}

describe('shingles', () => {
  it('normalises case, width, whitespace and (for words) punctuation', () => {
    expect(shingles('Hello,   WORLD! hello', { kind: 'word', size: 2 })).toEqual([
      'hello world',
      'world hello'
    ])
    expect(shingles('ｆｒｅｅ  Money', { kind: 'word', size: 1 })).toEqual(['free', 'money'])
    expect(shingles('Ab  c!', { kind: 'char', size: 3 })).toEqual(['ab ', 'b c', ' c!'])
  })

  it('gives a short text one shingle and an empty text none', () => {
    expect(shingles('two words', { kind: 'word', size: 3 })).toEqual(['two words'])
    expect(shingles('abc', { kind: 'char', size: 5 })).toEqual(['abc'])
    expect(shingles(' ... ', { kind: 'word', size: 2 })).toEqual([])
    expect(shingleHashes('   ', { kind: 'char', size: 5 })).toHaveLength(0)
    expect(() => shingles('x', { kind: 'char', size: 0 })).toThrow(RangeError)
  })

  it('hashes char shingles as their strings and word shingles consistently', () => {
    const text = 'The quick brown fox jumps over the lazy dog, then the quick brown fox sleeps.'
    const chars = shingles(text, { kind: 'char', size: 5 })
    expect(Array.from(shingleHashes(text, { kind: 'char', size: 5 }))).toEqual(
      chars.map((s) => murmur3(s, DEFAULT_SHINGLE_SEED))
    )
    const words = shingles(text, { kind: 'word', size: 3 })
    const hashes = shingleHashes(text, { kind: 'word', size: 3 })
    expect(hashes).toHaveLength(words.length)
    // Equal shingles hash equally, different ones differently: the set structure survives.
    for (let i = 0; i < words.length; i++) {
      for (let j = 0; j < words.length; j++) {
        expect(hashes[i] === hashes[j]).toBe(words[i] === words[j])
      }
    }
  })
})

describe('minhashSignature', () => {
  it('estimates Jaccard without bias and with binomial variance', () => {
    const random = new SeededRandom(11)
    for (const [n, shift] of [
      [90, 10],
      [60, 20],
      [300, 100],
      [24, 8]
    ]) {
      const truth = (n - shift) / (n + shift)
      let sumError = 0
      let sumSquares = 0
      const trials = 150
      for (let t = 0; t < trials; t++) {
        const [a, b] = pair(random, n, shift)
        const error = estimateJaccard(minhashSignature(a), minhashSignature(b)) - truth
        sumError += error
        sumSquares += error * error
      }
      const theory = Math.sqrt((truth * (1 - truth)) / 128)
      expect(Math.abs(sumError / trials)).toBeLessThan(0.012)
      const rmse = Math.sqrt(sumSquares / trials)
      expect(rmse).toBeLessThan(theory * 1.25)
      expect(rmse).toBeGreaterThan(theory * 0.75)
    }
  })

  it('works on structured (sequential) hashes too', () => {
    const a = Array.from({ length: 200 }, (_, i) => i)
    const b = Array.from({ length: 200 }, (_, i) => i + 50)
    expect(Math.abs(estimateJaccard(minhashSignature(a), minhashSignature(b)) - 0.6)).toBeLessThan(
      0.13
    )
  })

  it('is deterministic, seeded, and ignores order and repeats', () => {
    const hashes = Uint32Array.from({ length: 40 }, (_, i) => murmur3(`s${i}`))
    const signature = minhashSignature(hashes)
    expect(signature).toHaveLength(128)
    expect(minhashSignature(Array.from(hashes))).toEqual(signature)
    expect(minhashSignature([...hashes].reverse().concat([...hashes]))).toEqual(signature)
    expect(minhashSignature(hashes, 64)).toEqual(signature.subarray(0, 64))
    expect(estimateJaccard(minhashSignature(hashes, 128, 1), signature)).toBeLessThan(0.1)
  })

  it('marks empty sets', () => {
    const empty = minhashSignature([])
    expect(empty.every((v) => v === EMPTY_SLOT)).toBe(true)
    expect(isEmptySignature(empty)).toBe(true)
    expect(isEmptySignature(minhashSignature([0]))).toBe(false)
    expect(() => estimateJaccard(empty, new Uint32Array(64))).toThrow(RangeError)
    expect(() => minhashSignature([1], 0)).toThrow(RangeError)
  })

  it('rates an edited sentence near its original and apart from other sentences', () => {
    const original = ENGLISH[0]
    const edited = original.replace('quickly', 'fast') + '!'
    const similar = estimateJaccard(textSignature(original), textSignature(edited))
    expect(similar).toBeGreaterThan(0.7)
    expect(estimateJaccard(textSignature(original), textSignature(ENGLISH[1]))).toBeLessThan(0.1)
    expect(textSignature(original.toUpperCase())).toEqual(textSignature(original))
  })
})

describe('LshIndex', () => {
  it('follows the documented S-curve', () => {
    expect(candidateProbability(0.8, 20, 6)).toBeGreaterThan(0.997)
    expect(candidateProbability(0.5, 20, 6)).toBeCloseTo(0.27, 2)
    expect(candidateProbability(0.3, 20, 6)).toBeLessThan(0.02)
  })

  it('finds pairs at Jaccard 0.8 and rarely pairs at 0.2', () => {
    const random = new SeededRandom(21)
    const measure = (n: number, shift: number, trials: number): number => {
      const index = new LshIndex()
      const queries: Uint32Array[] = []
      for (let i = 0; i < trials; i++) {
        const [a, b] = pair(random, n, shift)
        index.add(i, minhashSignature(a))
        queries.push(minhashSignature(b))
      }
      let found = 0
      queries.forEach((query, i) => {
        if (index.query(query).includes(i)) found++
      })
      return found / trials
    }
    expect(measure(90, 10, 400)).toBeGreaterThanOrEqual(0.99)
    const half = measure(90, 30, 400)
    expect(half).toBeGreaterThan(0.17)
    expect(half).toBeLessThan(0.37)
    expect(measure(60, 40, 400)).toBeLessThan(0.02)
  })

  it('answers the same after merging shards, bulk or interleaved', () => {
    const random = new SeededRandom(31)
    const signatures: Uint32Array[] = []
    const probes: Uint32Array[] = []
    for (let i = 0; i < 3000; i++) {
      const [a, b] = pair(random, 40, i % 3 === 0 ? 4 : 30)
      signatures.push(minhashSignature(a))
      probes.push(minhashSignature(b))
    }
    const single = new LshIndex()
    signatures.forEach((signature, id) => single.add(id, signature))

    const left = new LshIndex()
    const right = new LshIndex()
    const interleaved = new LshIndex()
    signatures.forEach((signature, id) => {
      if (id < 1700) left.add(id, signature)
      else right.add(id - 1700, signature)
      // Queries between adds sort tails into runs at many different sizes.
      if (id % 7 === 0) interleaved.query(probes[id])
      interleaved.add(id, signature)
    })
    left.query(probes[0])
    left.merge(right, 1700)
    expect(left.size).toBe(3000)
    for (let i = 0; i < probes.length; i += 3) {
      const expected = single.query(probes[i])
      expect(left.query(probes[i])).toEqual(expected)
      expect(interleaved.query(probes[i])).toEqual(expected)
    }
    expect(() => left.merge(new LshIndex({ bands: 16, rowsPerBand: 8 }))).toThrow()
  })

  it('skips empty signatures and rejects short ones and bad ids', () => {
    const index = new LshIndex()
    expect(index.add(0, minhashSignature([]))).toBe(false)
    expect(index.size).toBe(0)
    expect(index.query(minhashSignature([]))).toEqual([])
    expect(() => index.add(0, new Uint32Array(64))).toThrow(RangeError)
    expect(() => index.add(-1, minhashSignature([1]))).toThrow(RangeError)
  })

  it('verifies candidates with 8-bit fingerprints', () => {
    const random = new SeededRandom(41)
    const index = new LshIndex({ fingerprints: true })
    const probes: Uint32Array[] = []
    const full: Uint32Array[] = []
    for (let i = 0; i < 200; i++) {
      const [a, b] = pair(random, 100, i % 2 === 0 ? 5 : 25)
      full.push(minhashSignature(a))
      index.add(i, full[i])
      probes.push(minhashSignature(b))
    }
    let listed = 0
    probes.forEach((probe, i) => {
      const hits = index.similar(probe, 0.75)
      const exact = estimateJaccard(full[i], probe)
      const hit = hits.find((entry) => entry.id === i)
      if (hit !== undefined) {
        listed++
        expect(Math.abs(hit.similarity - exact)).toBeLessThan(0.05)
        expect(i % 2).toBe(0)
      }
      for (const entry of hits) expect(entry.similarity).toBeGreaterThanOrEqual(0.75)
    })
    expect(listed).toBeGreaterThanOrEqual(95)
    expect(() => new LshIndex().similar(probes[0])).toThrow()
  })

  it('costs a bounded number of bytes per row', () => {
    const random = new SeededRandom(51)
    const index = new LshIndex()
    const hashes = new Uint32Array(20)
    for (let i = 0; i < 20000; i++) {
      for (let j = 0; j < hashes.length; j++) hashes[j] = random.next()
      index.add(i, minhashSignature(hashes))
    }
    index.query(minhashSignature(hashes))
    // 4 bytes of id and 20 bands x 8 bytes, with at most 1.5x growth slack.
    expect(index.byteLength / index.size).toBeLessThanOrEqual(1.5 * (4 + 20 * 8) + 1)
  })
})

describe('nearDuplicateGroups', () => {
  it('groups lightly edited copies and nothing else, deterministically', () => {
    const texts = [...ENGLISH]
    // Rows 150.. are edited copies of rows 3, 3 (twice), 10 and 42.
    texts.push(ENGLISH[3].replace('Thursday', 'Friday'))
    texts.push(ENGLISH[3].toUpperCase() + '  ')
    texts.push(ENGLISH[10].replace('two cups', '2 cups'))
    texts.push('Note: ' + ENGLISH[42])
    const signatures = texts.map((text) => textSignature(text))
    const index = new LshIndex()
    signatures.forEach((signature, id) => index.add(id, signature))
    const n = ENGLISH.length
    const groups = nearDuplicateGroups(signatures, index, 0.7)
    expect(groups).toEqual([
      [3, n, n + 1],
      [10, n + 2],
      [42, n + 3]
    ])
    expect(nearDuplicateGroups(signatures, index, 0.7)).toEqual(groups)
    // Rows without a signature are left out.
    const partial: (Uint32Array | undefined)[] = [...signatures]
    partial[3] = undefined
    expect(nearDuplicateGroups(partial, index, 0.7)).toEqual([
      [10, n + 2],
      [42, n + 3],
      [n, n + 1]
    ])
  })
})
