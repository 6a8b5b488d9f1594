import { normalizeForMatch } from '../dataset/hash.js'
import type { AddedRow, DatasetShape, RemovedRow } from '../dataset/types.js'

export interface ModifiedRow {
  added: AddedRow
  removed: RemovedRow
}

/**
 * An added row that takes the place of a removed one is an edit. Paired by the key column when the
 * policy names one, else by identical (normalised) input text — so a label change on the same
 * text is seen as an edit of that row, not as an unrelated addition.
 */
export function pairModified(
  added: AddedRow[],
  removed: RemovedRow[],
  shape: DatasetShape
): ModifiedRow[] {
  const keyOf = (row: AddedRow | RemovedRow): string | null => {
    if (shape.keyField) {
      const key = row.values[shape.keyField]
      return key === undefined || key === null ? null : JSON.stringify(key)
    }
    return row.features.input ? normalizeForMatch(row.features.input) : null
  }
  const byKey = new Map<string, RemovedRow[]>()
  for (const row of removed) {
    const key = keyOf(row)
    if (key === null) continue
    const list = byKey.get(key)
    if (list) list.push(row)
    else byKey.set(key, [row])
  }
  const pairs: ModifiedRow[] = []
  for (const row of added) {
    const key = keyOf(row)
    const match = key === null ? undefined : byKey.get(key)?.shift()
    if (match) pairs.push({ added: row, removed: match })
  }
  return pairs
}
