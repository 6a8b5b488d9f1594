/** Column names from a CSV/TSV header record, made usable as unique object keys. */

/**
 * Trims each name; an empty name becomes `column_N` (N is the 1-based position) and a repeated one
 * `name_2`, `name_3`..., so no value is silently lost to a key collision.
 */
export function normalizeHeader(fields: readonly string[]): string[] {
  const used = new Set<string>()
  return fields.map((field, index) => {
    const base = field.trim() || `column_${index + 1}`
    let name = base
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`
    used.add(name)
    return name
  })
}
