/**
 * Streaming reader for a JSON document holding an array of row objects. A byte scanner that tracks
 * string, escape and bracket state cuts the array into elements; each element alone goes through
 * JSON.parse, so memory holds one element, never the file, and a malformed element costs only
 * itself.
 *
 * Besides a top-level array, a top-level object with one array field (`{"version": 1, "data":
 * [...]}`) is accepted: SQuAD-style files and Hugging Face `field=`-style exports wrap their rows
 * that way. Its other fields are metadata and are skipped unread.
 */
import { parseJsonObject } from './json-object.js'
import type { ParseProblem, ReadEvent } from '../types.js'
import { excerptOfBytes, excerptOfText } from './excerpt.js'
import { MAX_JSON_DEPTH } from './jsonl.js'

const LF = 0x0a
const CR = 0x0d
const TAB = 0x09
const SPACE = 0x20
const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const UTF8_BOM = [0xef, 0xbb, 0xbf]
/** Field names are only quoted in messages; a longer one is cut rather than held whole. */
const MAX_KEY_BYTES = 256

/** Where the scanner is outside of an element. */
const enum Shell {
  /** Before the top-level value (whitespace, a BOM). */
  Start,
  /** Inside the rows array, between elements. */
  Rows,
  /** Inside the wrapping object, before a field name (or its closing brace). */
  Key,
  /** Inside a field name of the wrapping object. */
  InKey,
  Colon,
  /** After a field name and its colon. */
  Value,
  /** After a field value of the wrapping object. */
  AfterValue,
  /** After the top-level value: only whitespace may follow. */
  End,
  /** Stopped: the rest of the file is not read. */
  Done
}

export async function* readJsonArray(chunks: AsyncIterable<Buffer>): AsyncGenerator<ReadEvent> {
  const scanner = new ArrayScanner()
  for await (const chunk of chunks) {
    scanner.push(chunk)
    yield* scanner.take()
    // Returning ends the source early (for a git stream: kills the process).
    if (scanner.done) return
  }
  scanner.end()
  yield* scanner.take()
}

class ArrayScanner {
  private readonly events: ReadEvent[] = []
  private shell = Shell.Start
  private line = 1
  private startBytes = 0
  private nextRow = 0
  /** The wrapping object's field whose array holds the rows (null: a top-level array, or none yet). */
  private rowsField: string | null = null
  private wrapped = false

  // Between elements of the rows array.
  private afterElement = false
  private pendingComma = false

  // The element (or skipped field value) being scanned.
  private inElement = false
  private keep = false
  /** The element is a bare literal (not an object, array or string), ended by any delimiter. */
  private literal = false
  private depth = 0
  private tooDeep = false
  private inString = false
  private escaped = false
  private elementLine = 0
  private parts: Buffer[] = []

  // The field name being scanned.
  private keyParts: Buffer[] = []
  private keyBytes = 0
  private key = ''

  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

  get done(): boolean {
    return this.shell === Shell.Done
  }

  take(): ReadEvent[] {
    return this.events.splice(0)
  }

  push(chunk: Buffer): void {
    let i = 0
    while (i < chunk.length && this.shell !== Shell.Done) {
      if (this.inElement) {
        const end = this.scanElement(chunk, i)
        if (end < 0) {
          if (this.keep) this.parts.push(i === 0 ? chunk : chunk.subarray(i))
          return
        }
        if (this.keep) this.parts.push(chunk.subarray(i, end))
        this.finishElement()
        i = end
        continue
      }
      if (this.shell === Shell.InKey) {
        i = this.scanKey(chunk, i)
        continue
      }
      if (this.step(chunk[i], chunk, i)) i++
    }
  }

  end(): void {
    if (this.shell === Shell.Done) return
    if (this.inElement) {
      if (this.keep && !this.literal) {
        // Reported as the element's problem; the unclosed array around it adds nothing.
        this.finishElement('the file ends inside this element')
        this.shell = Shell.Done
        return
      }
      // A skipped field value leaves the wrapper open, which the switch below reports.
      this.finishElement()
    }
    switch (this.shell) {
      case Shell.Start:
        this.problem({ message: 'the file is empty: expected a JSON array of objects' })
        break
      case Shell.Rows:
        this.problem({ line: this.line, message: 'the file ends before the array is closed' })
        break
      case Shell.Key:
      case Shell.InKey:
      case Shell.Colon:
      case Shell.Value:
      case Shell.AfterValue:
        this.problem({
          line: this.line,
          message: 'the file ends before the top-level object is closed'
        })
        break
    }
    this.shell = Shell.Done
  }

  /**
   * One byte outside any element: the few bytes of structure around the rows. Returns false when
   * the byte starts an element, which then scans it again as its first byte.
   */
  private step(c: number, chunk: Buffer, i: number): boolean {
    if (c === LF) this.line++
    switch (this.shell) {
      case Shell.Start:
        // Only the file's first three bytes can be a byte order mark.
        if (this.startBytes < 3 && c === UTF8_BOM[this.startBytes]) {
          this.startBytes++
          return true
        }
        this.startBytes = 3
        if (isSpace(c)) return true
        if (c === OPEN_BRACKET) this.enterRows()
        else if (c === OPEN_BRACE) this.shell = Shell.Key
        else this.fatal(`expected a JSON array of objects, found ${describeStart(c)}`)
        return true
      case Shell.Rows:
        return this.stepRows(c)
      case Shell.Key:
        if (isSpace(c)) return true
        if (c === QUOTE) {
          this.shell = Shell.InKey
          this.keyParts = []
          this.keyBytes = 0
          this.inString = true
          this.escaped = false
          this.captureKey(chunk.subarray(i, i + 1))
        } else if (c === CLOSE_BRACE) this.closeWrapper()
        else this.malformed('a field name', c)
        return true
      case Shell.Colon:
        if (isSpace(c)) return true
        if (c === COLON) this.shell = Shell.Value
        else this.malformed("':'", c)
        return true
      case Shell.Value:
        return this.stepValue(c)
      case Shell.AfterValue:
        if (isSpace(c)) return true
        if (c === COMMA) this.shell = Shell.Key
        else if (c === CLOSE_BRACE) this.closeWrapper()
        else this.malformed("',' or '}'", c)
        return true
      case Shell.End:
        if (!isSpace(c)) {
          this.fatal(`unexpected ${describeStart(c)} after the end of the top-level value`)
        }
        return true
      default:
        return true
    }
  }

  private stepRows(c: number): boolean {
    if (isSpace(c)) return true
    if (c === COMMA) {
      if (!this.afterElement) {
        this.problem({ line: this.line, message: "an extra ',' with no element before it" })
      }
      this.afterElement = false
      this.pendingComma = true
      return true
    }
    if (c === CLOSE_BRACKET) {
      if (this.pendingComma) {
        this.problem({ line: this.line, message: "a trailing ',' before the closing ']'" })
      }
      this.shell = this.wrapped ? Shell.AfterValue : Shell.End
      return true
    }
    if (c === CLOSE_BRACE) {
      this.problem({ line: this.line, message: "an unexpected '}' between elements" })
      return true
    }
    if (this.afterElement) {
      this.problem({ line: this.line, message: "a ',' is missing before this element" })
    }
    this.pendingComma = false
    this.startElement(c, true)
    return false
  }

  /** A field value of the wrapping object: the rows array, or metadata skipped unread. */
  private stepValue(c: number): boolean {
    if (isSpace(c)) return true
    if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      this.malformed('a value', c)
      return true
    }
    if (c === OPEN_BRACKET && this.rowsField === null) {
      this.rowsField = this.key
      this.enterRows()
      return true
    }
    if (c === OPEN_BRACKET) {
      // Never silently: rows hidden in a second array would escape every check.
      this.problem({
        line: this.line,
        message: `the top-level object has a second array field ${JSON.stringify(this.key)}: only ${JSON.stringify(this.rowsField)} is read as rows`
      })
    }
    this.startElement(c, false)
    return false
  }

  private enterRows(): void {
    this.wrapped = this.shell === Shell.Value
    this.shell = Shell.Rows
    this.afterElement = false
    this.pendingComma = false
  }

  private startElement(c: number, keep: boolean): void {
    this.inElement = true
    this.keep = keep
    // Never a delimiter itself (the callers handle those), so a literal is at least this byte.
    this.literal = c !== OPEN_BRACE && c !== OPEN_BRACKET && c !== QUOTE
    this.depth = 0
    this.tooDeep = false
    this.inString = false
    this.escaped = false
    this.elementLine = this.line
    this.parts = []
  }

  /**
   * Scans element bytes from `from`; returns the index just past the element's end, or -1 when the
   * chunk ends first. Hot loop: state lives in locals.
   */
  private scanElement(chunk: Buffer, from: number): number {
    if (this.literal) return this.scanLiteral(chunk, from)
    let depth = this.depth
    let inString = this.inString
    let escaped = this.escaped
    let line = this.line
    let tooDeep = this.tooDeep
    const length = chunk.length
    let end = -1
    for (let i = from; i < length; i++) {
      const c = chunk[i]
      if (c === LF) line++
      if (inString) {
        if (escaped) escaped = false
        else if (c === BACKSLASH) escaped = true
        else if (c === QUOTE) {
          inString = false
          // A string element ends with its closing quote.
          if (depth === 0) {
            end = i + 1
            break
          }
        }
        continue
      }
      if (c === QUOTE) {
        inString = true
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        if (++depth > MAX_JSON_DEPTH) tooDeep = true
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        // Closers are not matched to openers: JSON.parse rejects a mismatch in the element.
        if (--depth === 0) {
          end = i + 1
          break
        }
      }
    }
    this.depth = depth
    this.inString = inString
    this.escaped = escaped
    this.line = line
    this.tooDeep = tooDeep
    return end
  }

  /** A number, `true`, `null` or stray text: it ends where structure or whitespace starts. */
  private scanLiteral(chunk: Buffer, from: number): number {
    for (let i = from; i < chunk.length; i++) {
      const c = chunk[i]
      if (
        isSpace(c) ||
        c === COMMA ||
        c === QUOTE ||
        c === OPEN_BRACE ||
        c === OPEN_BRACKET ||
        c === CLOSE_BRACE ||
        c === CLOSE_BRACKET
      ) {
        return i
      }
    }
    return -1
  }

  /** Scans a field name of the wrapping object up to its closing quote. */
  private scanKey(chunk: Buffer, from: number): number {
    let i = from
    for (; i < chunk.length; i++) {
      const c = chunk[i]
      if (c === LF) this.line++
      if (this.escaped) this.escaped = false
      else if (c === BACKSLASH) this.escaped = true
      else if (c === QUOTE) {
        this.captureKey(chunk.subarray(from, i + 1))
        this.inString = false
        this.key = decodeKey(Buffer.concat(this.keyParts), this.keyBytes > MAX_KEY_BYTES)
        this.shell = Shell.Colon
        return i + 1
      }
    }
    this.captureKey(chunk.subarray(from))
    return i
  }

  private captureKey(bytes: Buffer): void {
    const room = MAX_KEY_BYTES - this.keyBytes
    if (room > 0) this.keyParts.push(bytes.subarray(0, room))
    this.keyBytes += bytes.length
  }

  private finishElement(truncated?: string): void {
    this.inElement = false
    const keep = this.keep
    const bytes = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts)
    this.parts = []
    if (!keep) {
      this.shell = Shell.AfterValue
      return
    }
    this.afterElement = true
    const line = this.elementLine
    const row = this.nextRow++
    const problem = (message: string, excerpt: string): void =>
      this.problem({ line, row, message, excerpt })
    if (truncated) return problem(truncated, excerptOfBytes(bytes))
    if (this.tooDeep) {
      return problem(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`, excerptOfBytes(bytes))
    }
    let text: string
    try {
      text = this.decoder.decode(bytes)
    } catch {
      return problem('invalid UTF-8', excerptOfBytes(bytes))
    }
    const parsed = parseJsonObject(text)
    if (typeof parsed === 'string') return problem(parsed, excerptOfText(text.trim()))
    this.events.push({ type: 'row', row: { line, row, values: parsed } })
  }

  private closeWrapper(): void {
    if (this.rowsField === null) {
      this.fatal(
        'expected a JSON array of objects, or an object with an array field of objects; found an object without any array field'
      )
      return
    }
    this.shell = Shell.End
  }

  private malformed(expected: string, c: number): void {
    this.fatal(`the top-level object is malformed: expected ${expected}, found ${describeStart(c)}`)
  }

  private fatal(message: string): void {
    this.problem({ line: this.line, message })
    this.shell = Shell.Done
  }

  private problem(problem: ParseProblem): void {
    this.events.push({ type: 'problem', problem })
  }
}

function isSpace(c: number): boolean {
  return c === SPACE || c === LF || c === CR || c === TAB
}

/** The kind of JSON value (or stray character) that `c` starts, for messages. */
function describeStart(c: number): string {
  if (c === QUOTE) return 'a string'
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return 'a number'
  if (c === 0x74 || c === 0x66) return 'a boolean'
  if (c === 0x6e) return 'null'
  if (c === OPEN_BRACE) return 'an object'
  if (c === OPEN_BRACKET) return 'an array'
  if (c >= 0x21 && c < 0x7f) return `'${String.fromCharCode(c)}'`
  return `byte 0x${c.toString(16).padStart(2, '0')}`
}

function decodeKey(bytes: Buffer, cut: boolean): string {
  const text = bytes.toString('utf8')
  if (!cut) {
    try {
      const key: unknown = JSON.parse(text)
      if (typeof key === 'string') return key
    } catch {
      // Fall through to the raw text.
    }
  }
  return text.replace(/^"|"$/g, '') + (cut ? '...' : '')
}
