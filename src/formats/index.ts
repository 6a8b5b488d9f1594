/** One entry point for reading a dataset file's rows, whatever its format. */
import type { DatasetFormat, ReadEvent } from '../types.js'
import { readDelimited } from './csv.js'
import { GzipError, gunzipChunks } from './gzip.js'
import { readJsonl } from './jsonl.js'

export interface ReadOptions {
  /** The bytes are gzip-compressed (see `formatFromPath`). */
  gzip?: boolean
}

/**
 * Streams the rows of a dataset file. Bad data (malformed rows, corrupt gzip) becomes problem
 * events; a failure of the byte source itself (git) is thrown.
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
      case 'parquet':
        yield {
          type: 'problem',
          problem: {
            message: `reading ${format === 'json' ? 'JSON' : 'Parquet'} files is not supported yet`
          }
        }
        return
    }
  } catch (error) {
    // Rows before the corruption were already yielded; the rest of the file is unreadable.
    if (!(error instanceof GzipError)) throw error
    yield { type: 'problem', problem: { message: error.message } }
  }
}
