/**
 * Whether `copies` added copies of one example are flooding. Some rows are common in honest data
 * ("Sorry, I'll call later" in an SMS corpus): a row the base already repeats is expected to come
 * back in proportion to the size of the addition, so only copies well beyond that count.
 */
export function isFlood(
  copies: number,
  baseCopies: number,
  addedRows: number,
  baseRows: number,
  options: { floodCopies: number; floodShare?: number }
): boolean {
  const expected = baseRows > 0 ? (baseCopies * addedRows) / baseRows : 0
  if (copies <= 3 * expected + 2) return false
  if (copies >= options.floodCopies) return true
  return (
    options.floodShare !== undefined &&
    copies >= 3 &&
    copies / Math.max(addedRows, 1) >= options.floodShare
  )
}
