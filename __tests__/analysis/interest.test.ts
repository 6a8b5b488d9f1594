import { InterestScanner, interestingTerms, type Interest } from '../../src/analysis/interest.js'
import { distinctTerms, tokenize } from '../../src/dataset/tokens.js'
import { seeded } from '../helpers/analysis.js'

/** An interest built the way analyze-file builds it: words, phrases, and the phrases' prefixes. */
function interestIn(terms: string[]): Interest {
  const words = new Set<string>()
  const phrases = new Set<string>()
  const prefixes = new Set<string>()
  for (const term of terms) {
    const parts = term.split(' ')
    for (const part of parts) words.add(part)
    if (parts.length === 1) continue
    phrases.add(term)
    for (let n = 1; n < parts.length; n++) prefixes.add(parts.slice(0, n).join(' '))
  }
  return { words, phrases, prefixes, answerKeys: new Set() }
}

const PIECES = ['Cat', 'dog', "don't", 'x-ray', 'A1', '_id', 'it’s', 'é', 'naïve', 'ZERO', '42']
const GLUE = [' ', '  ', ', ', '. ', "'", '-', "'-", '--', '\n', '(', ')', '"', '’', '\u200b']

function randomText(random: () => number, ascii: boolean): string {
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]
  const pieces = ascii ? PIECES.filter((p) => /^[\x00-\x7f]*$/.test(p)) : PIECES
  const glue = ascii ? GLUE.filter((g) => /^[\x00-\x7f]*$/.test(g)) : GLUE
  let text = ''
  const length = 1 + Math.floor(random() * 25)
  for (let i = 0; i < length; i++) text += pick(pieces) + pick(glue)
  return text
}

describe('InterestScanner', () => {
  it.each([true, false])(
    'finds exactly what tokenize + interestingTerms find (ASCII only: %s)',
    (ascii) => {
      const random = seeded(ascii ? 11 : 12)
      for (let round = 0; round < 300; round++) {
        const sample = randomText(random, ascii)
        // Terms of interest drawn from another text's terms, so some hit and some miss.
        const all = [...distinctTerms(tokenize(sample + ' ' + randomText(random, ascii)), 3)]
        const chosen = all.filter(() => random() < 0.3)
        const interest = interestIn(chosen)
        const text = randomText(random, ascii)
        const expected = interestingTerms(tokenize(text), interest)
        expect(new InterestScanner(interest).terms(text)).toEqual(expected)
      }
    }
  )

  it('keeps the tokenizer’s greedy pattern: apostrophes before hyphens', () => {
    // The words of a phrase are of interest too (analyze-file counts them).
    const interest = interestIn(['rock-n', 'roll', "o'neil-smith", 'a b c', 'b c'])
    const scanner = new InterestScanner(interest)
    expect(scanner.terms("Rock-n'roll and O'Neil-Smith; a b c")).toEqual(
      new Set(['rock-n', 'roll', "o'neil-smith", 'a', 'b', 'c', 'a b c', 'b c'])
    )
    expect(scanner.terms('a-b c')).toEqual(new Set(['c']))
  })

  it('finds nothing, quickly, when nothing is of interest', () => {
    const scanner = new InterestScanner(interestIn([]))
    expect(scanner.terms('anything at all')).toEqual(new Set())
  })
})
