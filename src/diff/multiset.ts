/**
 * The base file as a multiset of row hashes. Head rows "consume" base copies; a head row with no
 * copy left is added, and the copies never consumed are the removed rows. Order never matters, so
 * a reshuffled file adds nothing, and a row duplicated once more adds exactly one row.
 */
export class RowMultiset {
  private readonly counts = new Map<string, number>()
  private total = 0

  add(hash: string): void {
    this.counts.set(hash, (this.counts.get(hash) ?? 0) + 1)
    this.total++
  }

  copies(hash: string): number {
    return this.counts.get(hash) ?? 0
  }

  get size(): number {
    return this.total
  }

  /** A consumable copy: `take` returns false once every base copy of the hash is used. */
  remaining(): RemainingRows {
    return new RemainingRows(new Map(this.counts))
  }
}

export class RemainingRows {
  constructor(private readonly counts: Map<string, number>) {}

  take(hash: string): boolean {
    const left = this.counts.get(hash) ?? 0
    if (left === 0) return false
    this.counts.set(hash, left - 1)
    return true
  }

  /** Hashes with copies left. */
  hashes(): string[] {
    return [...this.counts].filter(([, n]) => n > 0).map(([hash]) => hash)
  }

  /** Number of rows left (the removed rows once the head has been read). */
  get count(): number {
    let total = 0
    for (const n of this.counts.values()) total += n
    return total
  }
}
