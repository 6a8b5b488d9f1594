/**
 * How much a token looks like a word of this dataset's language: a character trigram model over
 * every token the base contains, scored as mean bits per character with word boundaries. Honest new
 * words (names, rare words) still follow the language's spelling; planted nonsense tokens such as
 * short consonant clusters do not. Bounded memory: trigrams of letters only.
 */
export class WordShapeModel {
  private readonly trigrams = new Map<string, number>()
  private readonly contexts = new Map<string, number>()
  private readonly alphabet = new Set<string>()

  addToken(token: string, weight = 1): void {
    const chars = ['^', '^', ...token, '$']
    for (let i = 2; i < chars.length; i++) {
      const context = chars[i - 2] + chars[i - 1]
      const gram = context + chars[i]
      this.trigrams.set(gram, (this.trigrams.get(gram) ?? 0) + weight)
      this.contexts.set(context, (this.contexts.get(context) ?? 0) + weight)
      this.alphabet.add(chars[i])
    }
  }

  /** Mean surprise in bits per character (higher = less word-like). */
  surprise(token: string): number {
    const chars = ['^', '^', ...token, '$']
    const smoothing = 0.1
    const vocabulary = this.alphabet.size + 1
    let bits = 0
    for (let i = 2; i < chars.length; i++) {
      const context = chars[i - 2] + chars[i - 1]
      const gram = context + chars[i]
      const p =
        ((this.trigrams.get(gram) ?? 0) + smoothing) /
        ((this.contexts.get(context) ?? 0) + smoothing * vocabulary)
      bits -= Math.log2(p)
    }
    return bits / (chars.length - 2)
  }

  merge(other: WordShapeModel): void {
    for (const [k, v] of other.trigrams) this.trigrams.set(k, (this.trigrams.get(k) ?? 0) + v)
    for (const [k, v] of other.contexts) this.contexts.set(k, (this.contexts.get(k) ?? 0) + v)
    for (const c of other.alphabet) this.alphabet.add(c)
  }
}
