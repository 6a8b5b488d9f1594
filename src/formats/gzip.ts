/** Transparent gunzip for `.jsonl.gz` / `.csv.gz` / `.tsv.gz` byte streams. */
import { Readable, pipeline } from 'node:stream'
import { createGunzip } from 'node:zlib'

/** A corrupt or truncated gzip stream: bad data, unlike a git failure reading it. */
export class GzipError extends Error {
  constructor(cause: Error) {
    super(`could not decompress gzip data: ${cause.message}`)
    this.name = 'GzipError'
  }
}

export async function* gunzipChunks(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const source = Readable.from(chunks, { objectMode: false })
  const gunzip = createGunzip()
  // pipeline destroys every stage on failure, so an error from `chunks` surfaces from `gunzip` too.
  const output = pipeline(source, gunzip, () => {})
  try {
    for await (const chunk of output) yield chunk as Buffer
  } catch (error) {
    if (isZlibError(error)) throw new GzipError(error)
    throw error
  } finally {
    source.destroy()
    gunzip.destroy()
  }
}

/** Duck-typed: zlib's errors may come from another realm (a test VM), failing `instanceof Error`. */
function isZlibError(error: unknown): error is Error {
  if (typeof error !== 'object' || error === null) return false
  const { code, message } = error as { code?: unknown; message?: unknown }
  return typeof code === 'string' && code.startsWith('Z_') && typeof message === 'string'
}
