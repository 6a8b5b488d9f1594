import { calibrate, isHeldOut, quantile } from '../../src/sketch/calibrate.js'
import { CharNgramModel, normaliseForCharModel } from '../../src/sketch/charlm.js'
import { SeededRandom } from '../../src/sketch/hash.js'
import { ENGLISH, GERMAN, RUSSIAN } from './fixtures/corpus.js'

function base64Blobs(count: number, seed: number): string[] {
  const random = new SeededRandom(seed)
  return Array.from({ length: count }, () =>
    Buffer.from(Uint8Array.from({ length: 60 }, () => random.next() & 0xff)).toString('base64')
  )
}

function gibberish(count: number, seed: number): string[] {
  const random = new SeededRandom(seed)
  const letter = (): string => String.fromCharCode(97 + (random.next() % 26))
  const word = (): string => Array.from({ length: 2 + (random.next() % 8) }, letter).join('')
  return Array.from({ length: count }, () => Array.from({ length: 12 }, word).join(' '))
}

/**
 * The intended use on a small scale: fit on the English rows except a hash-chosen 1 in 5 (1 in 20
 * on real data, which has the rows to spare), and calibrate on the held-out ones.
 */
function fitEnglish(): { model: CharNgramModel; heldOut: string[]; trained: string[] } {
  const model = new CharNgramModel()
  const heldOut: string[] = []
  const trained: string[] = []
  for (const text of ENGLISH) {
    if (isHeldOut(text, 5)) heldOut.push(text)
    else {
      trained.push(text)
      model.add(text)
    }
  }
  return { model, heldOut, trained }
}

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length

describe('normaliseForCharModel', () => {
  it('lower-cases, maps digits to 0 and collapses whitespace', () => {
    const symbols = normaliseForCharModel('  Order #4521\n\tshipped  2019-03-07 ')
    expect(String.fromCharCode(...symbols)).toBe('order #0000 shipped 0000-00-00')
    expect(normaliseForCharModel(' \n ')).toHaveLength(0)
  })
})

describe('CharNgramModel', () => {
  const { model, heldOut, trained } = fitEnglish()
  const heldOutScores = heldOut.map((text) => model.score(text))
  const calibration = calibrate(heldOutScores)
  const ceiling = calibration.threshold(1)

  it('holds out a share of rows by content', () => {
    expect(heldOut.length).toBeGreaterThan(ENGLISH.length / 10)
    expect(heldOut.length).toBeLessThan(ENGLISH.length / 3)
    expect(model.documents).toBe(trained.length)
  })

  it('scores held-out English low, and training rows lower still', () => {
    expect(mean(heldOutScores)).toBeLessThan(3.5)
    expect(ceiling).toBeLessThan(4.5)
    expect(mean(trained.map((text) => model.score(text)))).toBeLessThan(mean(heldOutScores))
  })

  it.each([
    ['German', GERMAN, 1.2],
    ['Russian', RUSSIAN, 5],
    ['base64 blobs', base64Blobs(10, 1), 2.5],
    ['random letters', gibberish(10, 2), 1.8]
  ])('scores %s far above every held-out English row', (_name, texts, factor) => {
    for (const text of texts) {
      expect(model.score(text)).toBeGreaterThan(ceiling * factor)
      expect(calibration.exceedance(model.score(text))).toBeLessThan(0.05)
    }
  })

  it('ignores case and which digits a number has', () => {
    expect(model.score('The meeting is on 12 May 2019.')).toBe(
      model.score('THE MEETING IS ON 98 MAY 1987.')
    )
  })

  it('finds a short foreign insert with the window score', () => {
    const clean = heldOut[0]
    const words = clean.split(' ')
    const trigger = base64Blobs(1, 3)[0].slice(0, 24)
    const poisoned = [...words.slice(0, 4), trigger, ...words.slice(4)].join(' ')
    const windowCeiling = Math.max(...heldOut.map((text) => model.maxWindowScore(text, 24)))
    expect(model.maxWindowScore(poisoned, 24)).toBeGreaterThan(windowCeiling * 1.5)
    expect(model.maxWindowScore(clean, 24)).toBeLessThanOrEqual(windowCeiling)
    expect(model.maxWindowScore('short', 24)).toBe(model.score('short'))
  })

  it('merges shards into exactly the single-pass model', () => {
    const left = new CharNgramModel({ buckets: 1 << 16 })
    const right = new CharNgramModel({ buckets: 1 << 16 })
    const whole = new CharNgramModel({ buckets: 1 << 16 })
    trained.forEach((text, i) => {
      whole.add(text)
      if (i % 3 === 0) left.add(text)
      else right.add(text)
    })
    left.merge(right)
    expect(left.documents).toBe(whole.documents)
    expect(left.symbols).toBe(whole.symbols)
    for (const text of [...heldOut, ...GERMAN]) expect(left.score(text)).toBe(whole.score(text))
    expect(() => left.merge(new CharNgramModel({ buckets: 1 << 17 }))).toThrow()
  })

  it('is deterministic across instances', () => {
    const again = fitEnglish().model
    expect(heldOut.map((text) => again.score(text))).toEqual(heldOutScores)
  })

  it('keeps its memory fixed whatever it reads', () => {
    const small = new CharNgramModel({ buckets: 1 << 12 })
    const before = small.byteLength
    for (const text of [...gibberish(500, 4), ...base64Blobs(500, 5)]) small.add(text)
    expect(small.byteLength).toBe(before)
    expect(before).toBe(4 << 12)
    // Saturated tables still give probabilities, never more than certainty.
    for (const text of ENGLISH.slice(0, 10)) expect(small.score(text)).toBeGreaterThan(0)
  })

  it('rejects bad settings', () => {
    expect(() => new CharNgramModel({ buckets: 1000 })).toThrow(RangeError)
    expect(() => new CharNgramModel({ order: 0 })).toThrow(RangeError)
    expect(() => new CharNgramModel({ concentration: 0 })).toThrow(RangeError)
  })
})

describe('calibration helpers', () => {
  it('quantile interpolates between order statistics', () => {
    expect(quantile([3, 1, 2, 4], 0)).toBe(1)
    expect(quantile([3, 1, 2, 4], 1)).toBe(4)
    expect(quantile([3, 1, 2, 4], 0.5)).toBe(2.5)
    expect(quantile([10, 20], 0.25)).toBe(12.5)
    expect(quantile([NaN, 5], 0.9)).toBe(5)
    expect(quantile([], 0.5)).toBeNaN()
    expect(() => quantile([1], 1.5)).toThrow(RangeError)
  })

  it('exceedance is a smoothed upper-tail share', () => {
    const calibration = calibrate([1, 2, 3, 4])
    expect(calibration.count).toBe(4)
    expect(calibration.exceedance(0)).toBe(1)
    expect(calibration.exceedance(3)).toBeCloseTo(3 / 5)
    expect(calibration.exceedance(9)).toBeCloseTo(1 / 5)
    expect(calibration.threshold(0.5)).toBe(2.5)
  })

  it('holds out about one row in twenty, the same rows every time', () => {
    const keys = Array.from({ length: 20000 }, (_, i) => `row ${i}`)
    const held = keys.filter((key) => isHeldOut(key))
    expect(held.length).toBeGreaterThan(850)
    expect(held.length).toBeLessThan(1150)
    expect(keys.filter((key) => isHeldOut(key))).toEqual(held)
    expect(() => isHeldOut('x', 0)).toThrow(RangeError)
  })
})
