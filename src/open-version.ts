import { confirmFormat, sniffContent, type PathFormat } from './formats/detect.js'
import { blobInfo, openBlob, readBlobHead } from './git/blob.js'
import { parseLfsPointer } from './git/lfs.js'
import { resolveLfsObject } from './git/lfs-fetch.js'

export type OpenedVersion =
  | {
      open: () => AsyncIterable<Buffer>
      /** Bytes `open()` streams: the data's, not the pointer's, for a Git LFS file. */
      size: number
    }
  | { problem: string }

/**
 * How to stream one version of a dataset file (through Git LFS when the blob is a pointer), or
 * why it cannot be read: missing, over the size limit, a format its content contradicts, binary.
 */
export async function openVersion(
  repo: string,
  sha: string,
  path: string,
  format: PathFormat,
  maxFileBytes: number
): Promise<OpenedVersion> {
  const info = await blobInfo(repo, sha, path)
  if (!info.exists) return { problem: `${path} does not exist at ${sha.slice(0, 12)}` }
  let size = info.size
  let head = await readBlobHead(repo, sha, path, 1024)
  let open = (): AsyncIterable<Buffer> => openBlob(repo, sha, path)
  const pointer = sniffContent(head) === 'lfs-pointer' ? parseLfsPointer(head) : null
  if (pointer) {
    const object = await resolveLfsObject(repo, pointer)
    if (!object.found) {
      return {
        problem: `the file is a Git LFS pointer and its data is not available: ${object.reason}`
      }
    }
    // The limit applies to the data, not to the pointer.
    size = object.size
    head = await object.readHead(1024)
    open = () => object.open()
  }
  if (size > maxFileBytes) {
    return {
      problem: `the file is ${size.toLocaleString('en-US')} bytes, over the limit of ${maxFileBytes.toLocaleString('en-US')} (limits.max-file-bytes)`
    }
  }
  // Before the binary test: it names a Parquet or gzip file under the wrong extension precisely.
  const mismatch = confirmFormat(format, head)
  if (mismatch) return { problem: mismatch }
  if (sniffContent(head) === 'binary' && !format.gzip && format.format !== 'parquet') {
    return { problem: `the file holds binary data, not ${format.format.toUpperCase()} text` }
  }
  return { open, size }
}
