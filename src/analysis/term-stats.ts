import { distinctTerms, tokenize } from '../dataset/tokens.js'

export interface TermStatsState {
  maxN: number
  docs: number
  df: Map<string, number>
  groupDocs: Map<string, number>
  groupDf: Map<string, Map<string, number>>
}

/**
 * Document frequencies of terms (tokens and short n-grams): in how many rows each term occurs,
 * overall and per group (a label, or an output cluster). Mergeable, so shards can be combined.
 */
export class TermStats {
  docs = 0
  readonly df = new Map<string, number>()
  readonly groupDocs = new Map<string, number>()
  readonly groupDf = new Map<string, Map<string, number>>()

  constructor(readonly maxN = 2) {}

  add(text: string, group: string | null = null): Set<string> {
    const terms = distinctTerms(tokenize(text), this.maxN)
    this.addTerms(terms, group)
    return terms
  }

  addTerms(terms: Iterable<string>, group: string | null): void {
    this.docs++
    let perGroup: Map<string, number> | undefined
    if (group !== null) {
      this.groupDocs.set(group, (this.groupDocs.get(group) ?? 0) + 1)
      perGroup = this.groupDf.get(group)
      if (!perGroup) this.groupDf.set(group, (perGroup = new Map()))
    }
    for (const term of terms) {
      this.df.set(term, (this.df.get(term) ?? 0) + 1)
      if (perGroup) perGroup.set(term, (perGroup.get(term) ?? 0) + 1)
    }
  }

  count(term: string): number {
    return this.df.get(term) ?? 0
  }

  countInGroup(term: string, group: string): number {
    return this.groupDf.get(group)?.get(term) ?? 0
  }

  /** The counts as plain data (for passing them between threads). */
  toState(): TermStatsState {
    return {
      maxN: this.maxN,
      docs: this.docs,
      df: this.df,
      groupDocs: this.groupDocs,
      groupDf: this.groupDf
    }
  }

  static fromState(state: TermStatsState): TermStats {
    const stats = new TermStats(state.maxN)
    stats.docs = state.docs
    for (const [term, n] of state.df) stats.df.set(term, n)
    for (const [group, n] of state.groupDocs) stats.groupDocs.set(group, n)
    for (const [group, terms] of state.groupDf) stats.groupDf.set(group, terms)
    return stats
  }

  merge(other: TermStats): void {
    this.docs += other.docs
    for (const [term, n] of other.df) this.df.set(term, (this.df.get(term) ?? 0) + n)
    for (const [group, n] of other.groupDocs)
      this.groupDocs.set(group, (this.groupDocs.get(group) ?? 0) + n)
    for (const [group, terms] of other.groupDf) {
      let mine = this.groupDf.get(group)
      if (!mine) this.groupDf.set(group, (mine = new Map()))
      for (const [term, n] of terms) mine.set(term, (mine.get(term) ?? 0) + n)
    }
  }
}
