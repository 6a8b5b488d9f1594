/**
 * Streaming JSON Lines reader. Lines are split on LF bytes before decoding, so a UTF-8 character cut
 * across chunks is reassembled intact, and a single very long line costs one concatenation.
 */
import { parseJsonObject } from './json-object.js'
import type { ReadEvent, RowValues } from '../types.js'
import { excerptOfBytes, excerptOfText } from './excerpt.js'

const LF = 0x0a
const CR = 0x0d
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf])

/**
 * Deeper nesting than this is refused: no real dataset comes close, and every recursive consumer
 * downstream (hashing, feature extraction) would otherwise overflow the stack.
 */
export const MAX_JSON_DEPTH = 512

export async function* readJsonl(chunks: AsyncIterable<Buffer>): AsyncGenerator<ReadEvent> {
  const reader = new LineReader()
  let pending: Buffer[] = []
  let line = 1
  for await (const chunk of chunks) {
    let start = 0
    for (let lf = chunk.indexOf(LF); lf >= 0; lf = chunk.indexOf(LF, start)) {
      const tail = chunk.subarray(start, lf)
      const bytes = pending.length === 0 ? tail : Buffer.concat([...pending, tail])
      pending = []
      const event = reader.read(bytes, line++)
      if (event) yield event
      start = lf + 1
    }
    if (start < chunk.length) pending.push(chunk.subarray(start))
  }
  // The last line may lack its newline.
  if (pending.length > 0) {
    const event = reader.read(Buffer.concat(pending), line)
    if (event) yield event
  }
}

class LineReader {
  private nextRow = 0
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

  /** The event for one physical line, or null for a blank line (which takes no row index). */
  read(raw: Buffer, line: number): ReadEvent | null {
    let bytes = raw
    if (line === 1 && bytes.subarray(0, 3).equals(UTF8_BOM)) bytes = bytes.subarray(3)
    if (bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, -1)
    if (isBlank(bytes)) return null
    const row = this.nextRow++
    const problem = (message: string, excerpt: string): ReadEvent => ({
      type: 'problem',
      problem: { line, row, message, excerpt }
    })
    let text: string
    try {
      text = this.decoder.decode(bytes)
    } catch {
      return problem('invalid UTF-8', excerptOfBytes(bytes))
    }
    const parsed = parseObject(text)
    if (typeof parsed === 'string') return problem(parsed, excerptOfText(text))
    return { type: 'row', row: { line, row, values: parsed } }
  }
}

/** The parsed object, or why the text is not one. */
function parseObject(text: string): RowValues | string {
  if (nestingExceeds(text, MAX_JSON_DEPTH)) {
    return `JSON nested deeper than ${MAX_JSON_DEPTH} levels`
  }
  return parseJsonObject(text)
}

function isBlank(bytes: Buffer): boolean {
  for (const byte of bytes) {
    // JSON's own whitespace; a lone CR would come from a CRCRLF ending.
    if (byte !== 0x20 && byte !== 0x09 && byte !== CR) return false
  }
  return true
}

/** Bracket depth outside strings; a cheap scan that runs before JSON.parse builds anything. */
function nestingExceeds(text: string, limit: number): boolean {
  // Fewer characters than the limit cannot nest past it; most lines stop here.
  if (text.length <= limit) return false
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c)
        i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) {
      inString = true
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true
    } else if (c === 0x5d || c === 0x7d) {
      depth--
    }
  }
  return false
}
