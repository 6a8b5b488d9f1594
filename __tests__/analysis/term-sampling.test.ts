import { SampledTermCounter } from '../../src/analysis/term-sampling.js'
import { TermStats } from '../../src/analysis/term-stats.js'
import { seeded } from '../helpers/analysis.js'

const interest = {
  words: new Set(['the', 'rare', 'cat']),
  phrases: new Set(['the cat']),
  prefixes: new Set(['the']),
  answerKeys: new Set<string>()
}

/** 20,000 rows: "the" in every row, "the cat" in a third, "rare" in exactly 7. */
function rows(): string[] {
  return Array.from({ length: 20_000 }, (_, i) =>
    [i % 3 === 0 ? 'the cat sat' : 'the dog sat', i % 2857 === 5 ? 'rare' : ''].join(' ')
  )
}

describe('SampledTermCounter', () => {
  it('counts every term exactly when every row is sampled', () => {
    const stats = new TermStats(3)
    const counter = new SampledTermCounter(interest, stats, true)
    for (const text of rows()) counter.add(text, true, null)
    counter.finish()
    expect(stats.docs).toBe(20_000)
    expect(stats.count('the')).toBe(20_000)
    expect(stats.count('the cat')).toBe(6667)
    expect(stats.count('rare')).toBe(7)
  })

  it('estimates common terms from the sample and keeps rare ones exact', () => {
    const stats = new TermStats(3)
    const counter = new SampledTermCounter(interest, stats, false)
    const random = seeded(3)
    for (const text of rows()) counter.add(text, random() < 0.1, null)
    counter.finish()
    expect(stats.docs).toBe(20_000)
    expect(stats.count('the')).toBe(20_000)
    expect(Math.abs(stats.count('the cat') - 6667) / 6667).toBeLessThan(0.1)
    expect(stats.count('rare')).toBe(7)
  })
})
