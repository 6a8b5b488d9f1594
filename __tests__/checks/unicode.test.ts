import { unicodeHomoglyph, unicodeInvisible } from '../../src/checks/unicode.js'
import { analyse, fixtureRows } from '../helpers/analysis.js'
import { linesOf, runCheck } from '../helpers/checks.js'

const base = fixtureRows('sst2-base.jsonl')
const honest = fixtureRows('sst2-honest-added.jsonl')

describe('unicode.invisible', () => {
  it('names the code point and lists the rows that carry it', async () => {
    const planted = honest
      .slice(0, 3)
      .map((row) => ({ ...row, sentence: String(row.sentence).replace(' ', '\u200b ') }))
    const findings = runCheck(
      unicodeInvisible,
      await analyse(base, [...base, ...planted, ...honest.slice(3)])
    )
    expect(findings[0].severity).toBe('fail')
    expect(findings[0].message).toContain('U+200B ZERO WIDTH SPACE')
    expect(linesOf(findings)).toEqual([base.length + 1, base.length + 2, base.length + 3])
    expect(findings[0].rows[0].excerpt).toContain('\\u200B')
  })

  it('catches tag characters and bidi overrides', async () => {
    const head = [
      ...base,
      { sentence: 'great film \u202Eevil\u202C', label: 1 },
      { sentence: 'fine \u{E0041}\u{E0042} movie', label: 1 }
    ]
    const findings = runCheck(unicodeInvisible, await analyse(base, head))
    expect(findings[0].rows).toHaveLength(2)
    expect(findings[0].message).toMatch(/U\+202E/)
    expect(findings[0].message).toMatch(/U\+E0041/)
  })

  it('only notes a character the base already uses widely', async () => {
    const nbspBase = base.map((row, i) =>
      i % 10 === 0 ? { ...row, sentence: `${row.sentence}\u2060` } : row
    )
    const head = [...nbspBase, { sentence: 'an honest row\u2060', label: 1 }]
    const findings = runCheck(unicodeInvisible, await analyse(nbspBase, head))
    expect(findings.map((f) => f.severity)).toEqual(['notice'])
  })
})

describe('unicode.homoglyph', () => {
  it('flags a Latin word spelled with Cyrillic lookalikes', async () => {
    const head = [
      ...base,
      { sentence: 'log in to your \u0440\u0430\u0443\u0440\u0430l account now', label: 1 }
    ]
    const findings = runCheck(unicodeHomoglyph, await analyse(base, head))
    expect(linesOf(findings)).toEqual([base.length + 1])
  })

  it('leaves accented words and whole foreign sentences alone', async () => {
    const head = [
      ...base,
      { sentence: 'un film très naïf , mais charmant', label: 1 },
      { sentence: 'очень хороший фильм', label: 1 }
    ]
    expect(runCheck(unicodeHomoglyph, await analyse(base, head))).toEqual([])
  })
})
