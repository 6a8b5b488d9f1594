import { hashText, normalizeForMatch } from '../dataset/hash.js'
import type { AddedRow, DatasetShape } from '../dataset/types.js'

/**
 * What a backdoor ties its trigger to: the label for classification data, else the response. Rows
 * whose (normalised) response is shared by at least one other added row form a response group; a
 * unique response belongs to no group, since a single row cannot show an association.
 */
export function targetGroups(added: AddedRow[], shape: DatasetShape): Map<AddedRow, string> {
  const groups = new Map<AddedRow, string>()
  if (shape.kind === 'classification') {
    for (const row of added) if (row.features.label !== null) groups.set(row, row.features.label)
    return groups
  }
  const byOutput = new Map<string, AddedRow[]>()
  for (const row of added) {
    if (!row.features.output.trim()) continue
    const key = hashText(normalizeForMatch(row.features.output))
    const list = byOutput.get(key)
    if (list) list.push(row)
    else byOutput.set(key, [row])
  }
  for (const [key, rows] of byOutput) {
    if (rows.length >= 2) for (const row of rows) groups.set(row, 'response:' + key)
  }
  return groups
}

/** How a group is shown to a reviewer. */
export function describeGroup(group: string, rows: AddedRow[]): string {
  if (!group.startsWith('response:')) return `label ${group}`
  const sample = rows.find(
    (r) => 'response:' + hashText(normalizeForMatch(r.features.output)) === group
  )
  const text = sample?.features.output ?? ''
  return `the same response “${text.length > 60 ? text.slice(0, 60) + '…' : text}”`
}
