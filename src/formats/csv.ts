/**
 * Streaming CSV/TSV reader on csv-parse. The first record is the header; each later record becomes a
 * row keyed by header name, located by the physical line of its first character.
 */
import { isUtf8 } from 'node:buffer'
import { CsvError, parse, type Parser } from 'csv-parse'
import type { ParseProblem, ReadEvent } from '../types.js'
import { excerptOfBytes } from './excerpt.js'
import { normalizeHeader } from './headers.js'
import { LineWindow } from './line-window.js'

export interface DelimitedOptions {
  delimiter: ',' | '\t'
}

interface ParsedRecord {
  fields: string[]
  /** Absolute byte offset just past the record (and its line break). */
  end: number
}

export async function* readDelimited(
  chunks: AsyncIterable<Buffer>,
  options: DelimitedOptions
): AsyncGenerator<ReadEvent> {
  const window = new LineWindow()
  const parsed: ParsedRecord[] = []
  const parser = parse({
    delimiter: options.delimiter,
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    // Both, not whichever the first record uses: files stitched together often mix line endings.
    // A lone CR stays data, as it does for git.
    record_delimiter: ['\r\n', '\n'],
    // Records are taken here, synchronously and in order, instead of from the readable side: csv-parse
    // reports byte offsets (its own line count is off for CRLF inside quotes), and a fatal error must
    // not discard the records parsed just before it.
    on_record: (fields: string[], context) => {
      parsed.push({ fields, end: context.bytes })
      return null
    }
  })
  parser.on('error', () => {
    // Reported through the write/end callbacks below; a listener keeps it from being thrown.
  })
  const records = new RecordReader(window)
  try {
    for await (const chunk of chunks) {
      window.push(chunk)
      const error = await write(parser, chunk)
      yield* records.take(parsed.splice(0))
      if (error) {
        yield records.fatal(error)
        return
      }
    }
    const error = await end(parser)
    yield* records.take(parsed.splice(0))
    if (error) yield records.fatal(error)
  } finally {
    parser.destroy()
  }
}

/** Turns parsed records into rows and problems, tracking where each one starts. */
class RecordReader {
  private header: string[] | null = null
  private nextRow = 0

  constructor(private readonly window: LineWindow) {}

  *take(records: ParsedRecord[]): Generator<ReadEvent> {
    for (const record of records) {
      this.window.skipLineBreaks(record.end)
      const line = this.window.line
      const bytes = this.window.bytesTo(record.end)
      this.window.advanceTo(record.end)
      if (this.header === null) {
        this.header = normalizeHeader(record.fields)
        continue
      }
      const row = this.nextRow++
      const problem = this.check(record.fields, bytes)
      if (problem) {
        yield {
          type: 'problem',
          problem: { line, row, message: problem, excerpt: excerptOfBytes(bytes) }
        }
        continue
      }
      const header = this.header
      const values = Object.fromEntries(header.map((name, i) => [name, record.fields[i]]))
      yield { type: 'row', row: { line, row, values } }
    }
  }

  /** The problem for an error that stops parsing: it sits where the unfinished record starts. */
  fatal(error: Error): ReadEvent {
    if (!(error instanceof CsvError)) throw error
    this.window.skipLineBreaks(Number.POSITIVE_INFINITY)
    const line = this.window.line
    const excerpt = excerptOfBytes(this.window.bytesTo(Number.POSITIVE_INFINITY))
    const problem: ParseProblem = { line, message: describe(error), excerpt }
    // The header is record 0; only a data record has a row index.
    if (this.header !== null) problem.row = this.nextRow
    return { type: 'problem', problem }
  }

  private check(fields: string[], bytes: Buffer): string | null {
    const expected = this.header?.length ?? 0
    if (fields.length !== expected) {
      return `expected ${expected} fields, found ${fields.length}`
    }
    // csv-parse decodes invalid UTF-8 to U+FFFD silently; bytes a reviewer cannot see are suspect.
    if (!isUtf8(bytes)) return 'invalid UTF-8'
    return null
  }
}

function describe(error: CsvError): string {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return 'a quoted field is never closed; the rest of the file could not be read'
  }
  // csv-parse messages name its own line count, which can differ from ours; drop that part.
  return error.message.replace(/ (at|on) line \d+/g, '')
}

function write(parser: Parser, chunk: Buffer): Promise<Error | null> {
  return new Promise((resolve) => parser.write(chunk, (error) => resolve(error ?? null)))
}

function end(parser: Parser): Promise<Error | null> {
  return new Promise((resolve) => parser.end((error?: Error | null) => resolve(error ?? null)))
}
