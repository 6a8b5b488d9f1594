/**
 * Word tokens for enrichment statistics. Invisible and format characters are kept as tokens of
 * their own: a zero-width character glued to a word is exactly the kind of trigger an attacker
 * hides, so the tokenizer must not wash it away.
 */

const TOKEN =
  /[\p{Cf}\p{Co}\u{E0000}-\u{E007F}]|[\p{L}\p{N}\p{M}_]+(?:['’][\p{L}\p{N}\p{M}_]+)*(?:-[\p{L}\p{N}\p{M}_]+)*/gu

/** Lower-cased tokens in order of appearance. */
export function tokenize(text: string): string[] {
  const tokens: string[] = []
  for (const match of text.toLowerCase().matchAll(TOKEN)) tokens.push(match[0])
  return tokens
}

/** Distinct tokens and n-grams (up to `maxN` tokens) of a text: what "a row contains t" means. */
export function distinctTerms(tokens: string[], maxN = 1): Set<string> {
  const terms = new Set<string>()
  for (let i = 0; i < tokens.length; i++) {
    terms.add(tokens[i])
    let gram = tokens[i]
    for (let n = 2; n <= maxN && i + n - 1 < tokens.length; n++) {
      gram += ' ' + tokens[i + n - 1]
      terms.add(gram)
    }
  }
  return terms
}

/** True for a single invisible/format/private-use character token. */
export function isInvisibleToken(token: string): boolean {
  return /^[\p{Cf}\p{Co}\u{E0000}-\u{E007F}]$/u.test(token)
}

/** Letters only (any script): candidates for "looks like a word" scoring. */
export function isAlphabetic(token: string): boolean {
  return /^[\p{L}\p{M}]+$/u.test(token)
}
