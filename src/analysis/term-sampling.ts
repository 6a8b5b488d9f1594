import { InterestScanner, type Interest } from './interest.js'
import type { TermStats } from './term-stats.js'

/**
 * Sampled rows a term must appear in to be treated as common. Its estimate rests on all the sampled
 * rows holding it, at least this many (±14%) and for everyday words thousands.
 */
const COMMON_AT = 50
/** Rows between rebuilds of the scanner for the terms still counted exactly. */
const REBUILD_EVERY = 1000

/**
 * Counts the base rows holding each term of interest, exactly for rare terms and on a sample for
 * common ones. The added rows' answers share many everyday words ("the", "of the") with the base,
 * and finding and counting those in every base row is most of the cost of a large base; yet what
 * the checks ask of such a term (is it much more frequent among the added rows?) is answered as
 * well by its share in a large sample. Rare terms, where every base row matters (has the base ever
 * seen this token?), are counted exactly. A term is common once it has been met in COMMON_AT
 * sampled rows; from then on only sampled rows count it, and its total is estimated from its
 * share of them. When every row is sampled (a base no larger than the sample) all counts are exact.
 */
export class SampledTermCounter {
  private readonly full: InterestScanner
  private rare: InterestScanner
  private readonly sampledCounts = new Map<string, number>()
  private readonly common = new Set<string>()
  private rows = 0
  private sampledRows = 0
  private rebuildDue = false
  private rowsSinceRebuild = 0

  /**
   * `exact`: every count is kept exact (every row is sampled, or rows carry groups, whose counts
   * are not estimated).
   */
  constructor(
    private readonly interest: Interest,
    private readonly stats: TermStats,
    private readonly exact: boolean
  ) {
    this.full = new InterestScanner(interest)
    this.rare = this.full
  }

  add(text: string, sampled: boolean, group: string | null): void {
    this.rows++
    if (++this.rowsSinceRebuild >= REBUILD_EVERY && this.rebuildDue) this.rebuild()
    let terms: Set<string>
    if (sampled) {
      this.sampledRows++
      terms = this.full.terms(text)
      for (const term of terms) {
        const seen = (this.sampledCounts.get(term) ?? 0) + 1
        this.sampledCounts.set(term, seen)
        if (seen === COMMON_AT) this.becomeCommon(term)
      }
    } else {
      terms = this.rare.terms(text)
    }
    const exact: string[] = []
    for (const term of terms) if (!this.common.has(term)) exact.push(term)
    this.stats.addTerms(exact, group)
  }

  /** Sets the estimated counts of the common terms; call once every row was added. */
  finish(): void {
    if (this.sampledRows === 0) return
    const scale = this.rows / this.sampledRows
    for (const term of this.common) {
      this.stats.df.set(term, Math.round((this.sampledCounts.get(term) ?? 0) * scale))
    }
  }

  private becomeCommon(term: string): void {
    if (this.exact) return
    this.common.add(term)
    this.stats.df.delete(term)
    this.rebuildDue = true
  }

  private rebuild(): void {
    const words = new Set([...this.interest.words].filter((t) => !this.common.has(t)))
    const phrases = new Set([...this.interest.phrases].filter((t) => !this.common.has(t)))
    this.rare = new InterestScanner({ ...this.interest, words, phrases })
    this.rebuildDue = false
    this.rowsSinceRebuild = 0
  }
}
