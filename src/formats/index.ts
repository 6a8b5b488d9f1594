/** One entry point for reading a dataset file's rows, whatever its format. */
import type { DatasetFormat, ReadEvent } from '../types.js'
import type { PathFormat } from './detect.js'
import { readDelimited } from './csv.js'
import { jsonFlavor, type JsonFlavor } from './detect.js'
import { GzipError, gunzipChunks } from './gzip.js'
import { readJsonArray } from './json-array.js'
import { jsonlRecords, readJsonl, type JsonlRecord } from './jsonl.js'
import { readParquet, type ParquetOptions } from './parquet.js'

export interface ReadOptions {
  /** The bytes are gzip-compressed (see `formatFromPath`). */
  gzip?: boolean
  parquet?: ParquetOptions
}

/** How far into a `.json` file to look for its first line before taking it for a document. */
const JSON_PEEK_BYTES = 1024 * 1024

/**
 * Streams the rows of a dataset file. Bad data (malformed rows, corrupt gzip or Parquet) becomes
 * problem events; a failure of the byte source itself (git) is thrown.
 */
export async function* readRows(
  format: DatasetFormat,
  chunks: AsyncIterable<Buffer>,
  options: ReadOptions = {}
): AsyncGenerator<ReadEvent> {
  const bytes = options.gzip ? gunzipChunks(chunks) : chunks
  try {
    switch (format) {
      case 'jsonl':
        yield* readJsonl(bytes)
        return
      case 'csv':
        yield* readDelimited(bytes, { delimiter: ',' })
        return
      case 'tsv':
        yield* readDelimited(bytes, { delimiter: '\t' })
        return
      case 'json':
        yield* readJson(bytes)
        return
      case 'parquet':
        // Parquet is read from its footer: the whole file must be in memory (see parquet.ts).
        yield* readParquet(await collectBytes(bytes), options.parquet)
        return
    }
  } catch (error) {
    // Rows before the corruption were already yielded; the rest of the file is unreadable.
    if (!(error instanceof GzipError)) throw error
    yield { type: 'problem', problem: { message: error.message } }
  }
}

/** A `.json` file as a JSON document, or as the JSON Lines it often really holds. */
async function* readJson(chunks: AsyncIterable<Buffer>): AsyncGenerator<ReadEvent> {
  const iterator = chunks[Symbol.asyncIterator]()
  const head: Buffer[] = []
  let length = 0
  let flavor: JsonFlavor | null = null
  let ended = false
  while (flavor === null && length < JSON_PEEK_BYTES) {
    const next = await iterator.next()
    if (next.done) {
      ended = true
      break
    }
    head.push(next.value)
    length += next.value.length
    flavor = jsonFlavor(Buffer.concat(head, length), false)
  }
  flavor ??= jsonFlavor(Buffer.concat(head, length), true) ?? 'array'
  const replayed = replay(head, iterator, ended)
  yield* flavor === 'lines' ? readJsonl(replayed) : readJsonArray(replayed)
}

/** The chunks already taken from `iterator`, then the rest of it; stopping early closes it. */
async function* replay(
  head: Buffer[],
  iterator: AsyncIterator<Buffer>,
  ended: boolean
): AsyncGenerator<Buffer> {
  let done = ended
  try {
    yield* head
    while (!done) {
      const next = await iterator.next()
      done = next.done === true
      if (!done) yield next.value
    }
  } finally {
    if (!done) await iterator.return?.()
  }
}

async function collectBytes(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = []
  for await (const chunk of chunks) parts.push(chunk)
  return Buffer.concat(parts)
}

/** A record's raw text and index, read without parsing: see `recordsOf`. */
export type SourceRecord = JsonlRecord
export type RecordSource = () => AsyncIterable<SourceRecord>

/**
 * The raw records of a format with one record per line (JSON Lines), for the pass that only needs
 * to recognise rows; null for the others, whose rows are recognised by their parsed values.
 * Corrupt gzip just ends the records: the parsing pass reports it.
 */
export function recordsOf(
  format: PathFormat,
  open: () => AsyncIterable<Buffer>
): RecordSource | undefined {
  if (format.format !== 'jsonl') return undefined
  return async function* () {
    try {
      yield* jsonlRecords(format.gzip ? gunzipChunks(open()) : open())
    } catch (error) {
      if (!(error instanceof GzipError)) throw error
    }
  }
}
