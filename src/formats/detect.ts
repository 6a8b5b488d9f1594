/** Deciding how to read a file: by its name first, then by a look at its first bytes. */
import type { DatasetFormat } from '../types.js'
import { parseLfsPointer } from '../git/lfs.js'

export interface PathFormat {
  format: DatasetFormat
  /** The file is gzip-compressed (`.jsonl.gz`, `.csv.gz`, ...). */
  gzip: boolean
}

const EXTENSIONS: Record<string, DatasetFormat | undefined> = {
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  csv: 'csv',
  tsv: 'tsv',
  json: 'json',
  parquet: 'parquet'
}

/** Parquet compresses internally, so only the text formats have a `.gz` variant. */
const GZIP_FORMATS = new Set<DatasetFormat>(['jsonl', 'csv', 'tsv', 'json'])

/** The dataset format a path's extension names (case-insensitive), or null if it names none. */
export function formatFromPath(path: string): PathFormat | null {
  const name = (path.split('/').pop() ?? '').toLowerCase()
  const parts = name.split('.')
  // A leading dot is a hidden file's name, not an extension (".csv" alone is not a dataset).
  if (parts[0] === '') parts.shift()
  if (parts.length < 2) return null
  let gzip = false
  if (parts[parts.length - 1] === 'gz') {
    gzip = true
    parts.pop()
    if (parts.length < 2) return null
  }
  const format = EXTENSIONS[parts[parts.length - 1]]
  if (format === undefined || (gzip && !GZIP_FORMATS.has(format))) return null
  return { format, gzip }
}

export type ContentKind = 'lfs-pointer' | 'binary' | 'text'

/** How much of the file the text/binary guess looks at. */
const SNIFF_BYTES = 1024
/** Above this share of suspicious bytes or undecodable characters, the file is not text. */
const NON_TEXT_RATIO = 0.3

const MAGIC: readonly Buffer[] = [
  Buffer.from('PAR1', 'latin1'),
  // gzip: a compressed file without a `.gz` name is still not text.
  Buffer.from([0x1f, 0x8b])
]

/**
 * Classifies a file from its first bytes. Parquet and gzip files are 'binary' here as well:
 * callers that can read them decide from the format and magic.
 */
export function sniffContent(firstBytes: Buffer): ContentKind {
  if (parseLfsPointer(firstBytes) !== null) return 'lfs-pointer'
  if (MAGIC.some((magic) => firstBytes.subarray(0, magic.length).equals(magic))) return 'binary'
  const sample = firstBytes.subarray(0, SNIFF_BYTES)
  if (sample.length === 0) return 'text'
  // Same rule as git's own binary detection: a NUL byte means binary.
  if (sample.includes(0)) return 'binary'
  let control = 0
  for (const byte of sample) {
    if ((byte < 0x20 && !ALLOWED_CONTROL.has(byte)) || byte === 0x7f) control++
  }
  if (control / sample.length > NON_TEXT_RATIO) return 'binary'
  // Legacy 8-bit text decodes with a few replacement characters; random bytes with many.
  const decoded = new TextDecoder('utf-8').decode(trimPartialCharacter(sample))
  let replaced = 0
  for (const char of decoded) if (char === '\ufffd') replaced++
  return replaced / Math.max(1, decoded.length) > NON_TEXT_RATIO ? 'binary' : 'text'
}

/** Tab, LF, VT, FF, CR, ESC (ANSI colours in logs). */
const ALLOWED_CONTROL = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b])

/** Drops an incomplete UTF-8 sequence at the end of the sample, which the cut, not the file, made. */
function trimPartialCharacter(sample: Buffer): Buffer {
  let start = sample.length - 1
  // Walk back over at most 3 continuation bytes to the lead byte of the last character.
  while (start > 0 && sample.length - start < 4 && (sample[start] & 0xc0) === 0x80) start--
  const lead = sample[start]
  const needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1
  return sample.length - start < needed ? sample.subarray(0, start) : sample
}

const PARQUET_MAGIC = Buffer.from('PAR1', 'latin1')
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b])
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf])

const FORMAT_NAMES: Record<DatasetFormat, string> = {
  jsonl: 'JSON Lines',
  csv: 'CSV',
  tsv: 'TSV',
  json: 'JSON',
  parquet: 'Parquet'
}

/**
 * Checks a file's first bytes against the format its name (or the policy) gives it. Returns why
 * they disagree, for a finding, or null when they agree or the bytes cannot tell. Pass the raw
 * bytes: for a `.gz` name only the compression itself can be checked.
 */
export function confirmFormat(
  format: DatasetFormat | PathFormat,
  firstBytes: Buffer
): string | null {
  const { format: name, gzip } = typeof format === 'string' ? { format, gzip: false } : format
  const label = FORMAT_NAMES[name]
  const parquet = startsWith(firstBytes, PARQUET_MAGIC)
  const gzipped = startsWith(firstBytes, GZIP_MAGIC)
  if (name === 'parquet') {
    if (parquet) return null
    const found = firstBytes.length === 0 ? 'the file is empty' : gzipped ? 'it is gzip data' : null
    return `the file does not start with the Parquet magic bytes PAR1${found ? ` (${found})` : ''}`
  }
  if (parquet) return `the file is Parquet (it starts with PAR1), not ${label}: name it .parquet`
  if (gzip) return gzipped ? null : 'the name ends in .gz, but the file is not gzip-compressed'
  if (gzipped) return `the file is gzip-compressed: name it with .gz at the end`
  const start = firstSignificantByte(firstBytes)
  if (start < 0) return null
  const first = firstBytes[start]
  const line = firstLine(firstBytes, start)
  switch (name) {
    case 'jsonl':
      if (first === 0x5b) {
        return "the file starts with '[' like a JSON array, not JSON Lines (one object per line): name it .json"
      }
      if (line !== null && line.trim() === '{') {
        return "the first line is a lone '{' like pretty-printed JSON, not JSON Lines (one object per line): name it .json"
      }
      return null
    case 'json':
      if (first === 0x5b || first === 0x7b) return null
      return `the file starts with '${String.fromCharCode(first)}', not '[' or '{': it is not JSON`
    case 'csv':
    case 'tsv':
      if (line === null) return null
      if ((first === 0x7b || first === 0x5b) && isJson(line)) {
        return `the first line is JSON, not a ${label} header: name the file .jsonl or .json`
      }
      if (name === 'csv' && line.includes('\t') && !line.includes(',')) {
        return 'the header is tab-separated, not comma-separated: name the file .tsv'
      }
      if (name === 'tsv' && line.includes(',') && !line.includes('\t')) {
        return 'the header is comma-separated, not tab-separated: name the file .csv'
      }
      return null
  }
}

export type JsonFlavor = 'array' | 'lines'

/**
 * Whether a `.json` file is a JSON document (array, or object wrapping one) or JSON Lines: many
 * datasets name JSON Lines `.json`, and Hugging Face `datasets` reads them so. It is JSON Lines
 * when the first line alone is a complete object and the next line starts another. Null: these
 * bytes cannot tell yet (pass more, or `complete` when they are the whole file).
 */
export function jsonFlavor(head: Buffer, complete: boolean): JsonFlavor | null {
  const start = firstSignificantByte(head)
  if (start < 0) return complete ? 'array' : null
  if (head[start] !== 0x7b) return 'array'
  const end = head.indexOf(0x0a, start)
  if (end < 0) return complete ? 'array' : null
  const first = head.subarray(start, end).toString('utf8')
  if (!isJsonObject(first)) return 'array'
  const next = firstSignificantByte(head, end + 1)
  // A single object on its own line is the wrapping object of a minified document.
  if (next < 0) return complete ? 'array' : null
  return head[next] === 0x7b ? 'lines' : 'array'
}

function startsWith(bytes: Buffer, magic: Buffer): boolean {
  return bytes.length >= magic.length && bytes.subarray(0, magic.length).equals(magic)
}

/** Index of the first byte that is not JSON whitespace (after a BOM at the start), or -1. */
function firstSignificantByte(bytes: Buffer, from = 0): number {
  let i = from === 0 && startsWith(bytes, UTF8_BOM) ? UTF8_BOM.length : from
  for (; i < bytes.length; i++) {
    const c = bytes[i]
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return i
  }
  return -1
}

/** The line holding `start`, from `start` to its LF; null when the bytes end first. */
function firstLine(bytes: Buffer, start: number): string | null {
  const end = bytes.indexOf(0x0a, start)
  return end < 0 ? null : bytes.subarray(start, end).toString('utf8')
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
  } catch {
    return false
  }
}
