/** Short, bounded excerpts of raw input for parse problems (the text is untrusted and may be huge). */

export const EXCERPT_CHARS = 200
/** A UTF-8 character is at most 4 bytes, so this many bytes always hold EXCERPT_CHARS characters. */
const EXCERPT_BYTES = EXCERPT_CHARS * 4

export function excerptOfText(text: string): string {
  return text.length <= EXCERPT_CHARS ? text : text.slice(0, EXCERPT_CHARS)
}

/** Decodes leniently: invalid UTF-8 shows as U+FFFD rather than hiding the excerpt. */
export function excerptOfBytes(bytes: Buffer): string {
  const text = bytes.subarray(0, EXCERPT_BYTES).toString('utf8')
  return excerptOfText(text.replace(/[\r\n]+$/, ''))
}
