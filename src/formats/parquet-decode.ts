/**
 * Decodes Parquet with hyparquet: the rows of a file as read events, one row group at a time. This
 * runs inside the decoder worker (parquet-worker.ts), never on the main thread: hyparquet decodes in
 * synchronous loops that a hostile file can make endless, and only a worker can be stopped then
 * (see parquet.ts). Parquet is read from its footer backwards, so the whole file is in memory.
 * Decoded rows are bounded separately: each row group's decompressed size is capped, so a small file
 * that inflates to gigabytes (a decompression bomb in an untrusted pull request) becomes a problem
 * instead of an out-of-memory crash.
 */
import { isUtf8 } from 'node:buffer'
import { brotliDecompressSync, unzipSync, type ZlibOptions } from 'node:zlib'
import {
  parquetMetadataAsync,
  parquetRead,
  parquetSchema,
  type AsyncBuffer,
  type CompressionCodec,
  type Compressors,
  type FileMetaData,
  type ParquetParsers,
  type RowGroup,
  type SchemaTree
} from 'hyparquet'
import { compressors as libraryCompressors, decompressZstd } from 'hyparquet-compressors'
import type { JsonValue, ReadEvent, RowValues } from '../types.js'
import { MAX_JSON_DEPTH } from './jsonl.js'

/** A row group about to be decoded: where a decoder that stops making progress got stuck. */
export interface RowGroupStart {
  type: 'row-group'
  /** Its first row. */
  row: number
  /** How problems in it are prefixed: `row group 2 of 3 (rows 100-199)`. */
  where: string
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER)
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)
// Bound once: the conversion below runs per value, where global lookups add up.
const isArray = Array.isArray
const isFiniteNumber = Number.isFinite
const isView = ArrayBuffer.isView
const toNumber = Number

/**
 * The file's rows and problems, each row group announced before it is decoded. Corrupt data is a
 * problem event; only a bug throws.
 */
export async function* decodeParquet(
  bytes: Uint8Array,
  maxRowGroupBytes: number
): AsyncGenerator<ReadEvent | RowGroupStart> {
  const file = bufferFile(bytes)
  let metadata: FileMetaData
  let schema: SchemaTree
  try {
    metadata = await parquetMetadataAsync(file, { parsers: PARSERS })
    schema = parquetSchema(metadata)
  } catch (error) {
    yield problem(`not a readable Parquet file: ${reason(error)}`)
    return
  }
  const columns = schema.children.map((child) => child.element.name)
  const hidden = metadata.schema.filter((element) => element.name === '__proto__').length
  if (hidden > columns.filter((name) => name === '__proto__').length) {
    // hyparquet assembles structs by assignment, which drops such a field: say so, never silently.
    yield problem('a nested field named "__proto__" cannot be read; its values are missing')
  }
  const budget = new Budget(maxRowGroupBytes)
  const compressors = boundedCompressors(budget)
  let groupStart = 0
  for (const [index, group] of metadata.row_groups.entries()) {
    const groupRows = toNumber(group.num_rows)
    const rowStart = groupStart
    groupStart += groupRows
    if (groupRows <= 0) continue
    const rowEnd = rowStart + groupRows
    const where = `row group ${index + 1} of ${metadata.row_groups.length} (rows ${rowStart}-${rowEnd - 1})`
    const mismatch = columnMismatch(group, schema)
    if (mismatch) {
      yield { type: 'problem', problem: { row: rowStart, message: `${where}: ${mismatch}` } }
      continue
    }
    yield { type: 'row-group', row: rowStart, where }
    let decoded: unknown[][]
    try {
      budget.reset()
      decoded = await readRowGroup({ file, metadata, rowStart, rowEnd, compressors })
    } catch (error) {
      // Later groups are independent of this one: keep reading so their rows are still checked.
      yield { type: 'problem', problem: { row: rowStart, message: `${where}: ${reason(error)}` } }
      continue
    }
    for (let i = 0; i < decoded.length; i++) {
      const row = rowStart + i
      const values = toRowValues(columns, decoded[i])
      if (values === null) {
        yield {
          type: 'problem',
          problem: { row, message: `value nested deeper than ${MAX_JSON_DEPTH} levels` }
        }
      } else {
        yield { type: 'row', row: { row, values } }
      }
    }
  }
}

/**
 * Why the row group's column chunks do not match the schema, or null. hyparquet starts decoding
 * every chunk but only awaits those it can place in the schema; a rejected unplaced one would be an
 * unhandled rejection, which ends the process. So a corrupt layout is refused before reading.
 */
function columnMismatch(group: RowGroup, schema: SchemaTree): string | null {
  const seen = new Set<string>()
  for (const chunk of group.columns) {
    const path = chunk.meta_data?.path_in_schema
    if (!path) return 'a column chunk has no metadata'
    let node: SchemaTree | undefined = schema
    for (const name of path) node = node?.children.find((child) => child.element.name === name)
    const key = path.join('\u0000')
    if (!node || node.children.length > 0 || seen.has(key)) {
      return `column chunk ${JSON.stringify(path.join('.'))} does not match the schema`
    }
    seen.add(key)
  }
  return null
}

interface RowGroupRead {
  file: AsyncBuffer
  metadata: FileMetaData
  rowStart: number
  rowEnd: number
  compressors: Compressors
}

/**
 * The rows of one row group as arrays in column order. Arrays, not hyparquet's objects: those are
 * built by assignment, which would drop a column named `__proto__`.
 */
function readRowGroup(read: RowGroupRead): Promise<unknown[][]> {
  return new Promise((resolve, reject) => {
    parquetRead({
      ...read,
      parsers: PARSERS,
      // Unannotated byte arrays are text from some writers and images or audio from others: they
      // are told apart per value below instead of all being decoded as UTF-8.
      utf8: false,
      rowFormat: 'array',
      onComplete: (rows) => resolve(rows as unknown[][])
    }).catch(reject)
  })
}

/** Slices copy out of the one buffer, so hyparquet never sees the rest of a pooled ArrayBuffer. */
function bufferFile(bytes: Buffer | Uint8Array): AsyncBuffer {
  const { buffer, byteOffset, byteLength } = bytes
  return {
    byteLength,
    slice: (start, end = byteLength) =>
      buffer.slice(byteOffset + start, byteOffset + Math.min(end, byteLength)) as ArrayBuffer
  }
}

/** Counts the decompressed bytes of the row group being read. */
class Budget {
  private spent = 0

  constructor(private readonly limit: number) {}

  reset(): void {
    this.spent = 0
  }

  spend(bytes: number): void {
    this.spent += bytes
    if (this.spent > this.limit) {
      throw new Error(
        `decompresses to more than ${this.limit.toLocaleString('en-US')} bytes; not read, to keep memory bounded`
      )
    }
  }
}

/**
 * hyparquet-compressors' decoders, each held to the page's declared size: gzip and brotli through
 * zlib (native, with an output cap; `unzip` also takes the zlib framing some writers use), zstd into
 * a buffer of the declared size, the others already write into one.
 */
function boundedCompressors(budget: Budget): Compressors {
  const decoders: Record<Exclude<CompressionCodec, 'UNCOMPRESSED' | 'LZO'>, Decoder> = {
    SNAPPY: libraryDecoder('SNAPPY'),
    LZ4: libraryDecoder('LZ4'),
    LZ4_RAW: libraryDecoder('LZ4_RAW'),
    GZIP: capped(unzipSync),
    BROTLI: capped(brotliDecompressSync),
    ZSTD: (input, length) => decompressZstd(input, new Uint8Array(length))
  }
  const bounded: Compressors = {}
  for (const [codec, decode] of Object.entries(decoders) as [CompressionCodec, Decoder][]) {
    bounded[codec] = (input, length) => {
      budget.spend(length)
      return decode(input, length)
    }
  }
  return bounded
}

type Decoder = (input: Uint8Array, outputLength: number) => Uint8Array

/** A zlib decoder that stops at the page's declared size instead of growing its output. */
function capped(inflate: (input: Uint8Array, options: ZlibOptions) => Buffer): Decoder {
  return (input, length) => {
    try {
      return inflate(input, { maxOutputLength: Math.max(1, length) })
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new Error(
          `a page decompresses to more than the ${length} bytes its header declares`,
          {
            cause: error
          }
        )
      }
      throw error
    }
  }
}

function libraryDecoder(codec: CompressionCodec): Decoder {
  const decode = libraryCompressors[codec]
  if (!decode) throw new Error(`hyparquet-compressors has no ${codec} decoder`)
  return decode
}

/** Values a JSON column holds; text that is not JSON stays text rather than failing the group. */
const PARSERS: Partial<ParquetParsers> = {
  jsonFromBytes(bytes: Uint8Array): unknown {
    if (!bytes) return bytes
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
    try {
      return JSON.parse(text) as unknown
    } catch {
      return text
    }
  }
}

/** The row as JSON values, or null when it nests deeper than MAX_JSON_DEPTH. */
function toRowValues(columns: string[], row: unknown[]): RowValues | null {
  const values: RowValues = {}
  for (let i = 0; i < columns.length; i++) {
    const value = toJson(row[i], 1)
    if (value === undefined) return null
    setOwn(values, columns[i], value)
  }
  return values
}

/** Assignment, except that a column or field named `__proto__` must stay data. */
function setOwn(object: { [key: string]: JsonValue }, key: string, value: JsonValue): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true
    })
  } else {
    object[key] = value
  }
}

/**
 * A decoded Parquet value as JSON: 64-bit integers as numbers when exact, else decimal strings;
 * timestamps as ISO strings; bytes as text when they are UTF-8, else base64; NaN and infinities
 * (which JSON lacks; pandas writes NaN for missing floats) as null. Undefined means too deep.
 */
function toJson(value: unknown, depth: number): JsonValue | undefined {
  if (value === null || value === undefined) return null
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      return isFiniteNumber(value) ? value : null
    case 'bigint':
      return value >= MIN_SAFE && value <= MAX_SAFE ? toNumber(value) : value.toString()
    case 'object':
      break
    default:
      return String(value)
  }
  if (depth > MAX_JSON_DEPTH) return undefined
  if (value instanceof Date) return isNaN(value.getTime()) ? null : value.toISOString()
  if (value instanceof Uint8Array) return bytesToJson(value)
  if (isArray(value) || isView(value)) {
    const items = value as ArrayLike<unknown>
    const array: JsonValue[] = new Array<JsonValue>(items.length)
    for (let i = 0; i < items.length; i++) {
      const item = toJson(items[i], depth + 1)
      if (item === undefined) return undefined
      array[i] = item
    }
    return array
  }
  const object: { [key: string]: JsonValue } = {}
  for (const [key, item] of Object.entries(value)) {
    const converted = toJson(item, depth + 1)
    if (converted === undefined) return undefined
    setOwn(object, key, converted)
  }
  return object
}

function bytesToJson(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return isUtf8(buffer) ? buffer.toString('utf8') : buffer.toString('base64')
}

function problem(message: string): ReadEvent {
  return { type: 'problem', problem: { message } }
}

/** hyparquet's message, cut short: it may quote parts of the (untrusted) file. */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.length > 160 ? `${message.slice(0, 157)}...` : message
}
