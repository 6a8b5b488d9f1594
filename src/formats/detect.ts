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
