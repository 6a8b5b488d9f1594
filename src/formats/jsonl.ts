/**
 * Streaming JSON Lines reader. Lines are split on LF bytes before decoding, so a UTF-8 character cut
 * across chunks is reassembled intact, and a single very long line costs one concatenation.
 */
import { createHash, type Hash } from 'node:crypto'
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
  for await (const record of jsonlRecords(chunks)) yield parseJsonlRecord(record)
}

/**
 * Lines longer than this are not held (nor parsed): a JSON text this long cannot even become a
 * string in V8, and one line of a hostile file could otherwise take the memory of the whole run.
 */
export const MAX_LINE_BYTES = 256 * 1024 ** 2
const OVERLONG_EXCERPT_BYTES = 1024

/** One non-blank line of a JSON Lines file: its bytes (BOM and CR removed) and where it is. */
export interface JsonlRecord {
  line: number
  /** 0-based record index: rows and unreadable lines count, blank lines do not. */
  row: number
  bytes: Buffer
  /**
   * For a line over the length limit: its length, and the SHA-256 of all of it (`bytes` holds
   * only its beginning).
   */
  overlong?: { length: number; limit: number; digest: Buffer }
}

/**
 * The records of a JSON Lines file without decoding or parsing them: what a pass that only needs
 * to recognise rows (by their text) reads, at the speed of splitting lines.
 */
export async function* jsonlRecords(
  chunks: AsyncIterable<Buffer>,
  maxLineBytes = MAX_LINE_BYTES
): AsyncGenerator<JsonlRecord> {
  let pending: Buffer[] = []
  let pendingLength = 0
  // Set while the current line is over the limit: its beginning, length and running hash.
  let overlong: { excerpt: Buffer; length: number; hash: Hash } | null = null
  let line = 1
  let row = 0
  const record = (raw: Buffer, at: number): JsonlRecord | null => {
    let bytes = raw
    if (at === 1 && bytes.subarray(0, 3).equals(UTF8_BOM)) bytes = bytes.subarray(3)
    if (bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, -1)
    return isBlank(bytes) ? null : { line: at, row: row++, bytes }
  }
  const finishOverlong = (at: number): JsonlRecord => {
    const { excerpt, length, hash } = overlong as NonNullable<typeof overlong>
    overlong = null
    return {
      line: at,
      row: row++,
      bytes: excerpt,
      overlong: { length, limit: maxLineBytes, digest: hash.digest() }
    }
  }
  /** Adds a piece of the current line; past the limit, only its hash and length are kept. */
  const hold = (piece: Buffer): void => {
    if (overlong) {
      overlong.length += piece.length
      overlong.hash.update(piece)
      return
    }
    pending.push(piece)
    pendingLength += piece.length
    if (pendingLength <= maxLineBytes) return
    const held = Buffer.concat(pending)
    overlong = {
      excerpt: Buffer.from(held.subarray(0, OVERLONG_EXCERPT_BYTES)),
      length: held.length,
      hash: createHash('sha256').update(held)
    }
    pending = []
    pendingLength = 0
  }
  for await (const chunk of chunks) {
    let start = 0
    for (let lf = chunk.indexOf(LF); lf >= 0; lf = chunk.indexOf(LF, start)) {
      const tail = chunk.subarray(start, lf)
      start = lf + 1
      if (!overlong && pendingLength + tail.length > maxLineBytes) hold(tail)
      else if (overlong) hold(tail)
      if (overlong) {
        yield finishOverlong(line++)
        continue
      }
      const bytes = pending.length === 0 ? tail : Buffer.concat([...pending, tail])
      pending = []
      pendingLength = 0
      const found = record(bytes, line++)
      if (found) yield found
    }
    if (start < chunk.length) hold(chunk.subarray(start))
  }
  // The last line may lack its newline.
  if (overlong) yield finishOverlong(line)
  else if (pending.length > 0) {
    const found = record(Buffer.concat(pending), line)
    if (found) yield found
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** The row, or the problem, one record is. */
export function parseJsonlRecord({ bytes, line, row, overlong }: JsonlRecord): ReadEvent {
  const problem = (message: string, excerpt: string): ReadEvent => ({
    type: 'problem',
    problem: { line, row, message, excerpt }
  })
  if (overlong) {
    return problem(
      `line of ${overlong.length.toLocaleString('en-US')} bytes, longer than the ${overlong.limit.toLocaleString('en-US')} bytes a line may have; not read`,
      excerptOfBytes(bytes)
    )
  }
  let text: string
  try {
    text = decoder.decode(bytes)
  } catch {
    return problem('invalid UTF-8', excerptOfBytes(bytes))
  }
  const parsed = parseObject(text)
  if (typeof parsed === 'string') return problem(parsed, excerptOfText(text))
  return { type: 'row', row: { line, row, values: parsed, text } }
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
