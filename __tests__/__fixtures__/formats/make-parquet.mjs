/**
 * Writes the Parquet fixtures next to this file. hyparquet (the reader) cannot write, and neither
 * pyarrow nor a Parquet writer is a dependency, so the files are committed and this script is how
 * they were made. To regenerate, with hyparquet-writer installed outside the project's manifest:
 *
 *   npm install --no-save hyparquet-writer@0.17.0
 *   node __tests__/__fixtures__/formats/make-parquet.mjs
 *
 * The output is deterministic: rerunning it must leave `git status` clean.
 *
 * Codecs: SNAPPY is hyparquet-writer's own compressor, GZIP and BROTLI are node:zlib. Node 20 has
 * no zstd or lz4 compressor, so ZSTD, LZ4_RAW and LZ4 (Hadoop framing) pages are written as valid
 * frames of stored (raw) blocks: enough to prove the reader hands each codec to its decoder.
 */
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { parquetWriteBuffer } from 'hyparquet-writer'

const here = dirname(fileURLToPath(import.meta.url))

/** Row i of the rows-*.parquet files; __tests__/formats/parquet.test.ts checks against the same. */
function rowsColumns(count) {
  const ids = []
  const texts = []
  const labels = []
  const scores = []
  const flags = []
  for (let i = 0; i < count; i++) {
    ids.push(BigInt(i))
    texts.push(`sample ${i}: ${'quick brown fox '.repeat(i % 4)}`.trim())
    labels.push(i % 3)
    scores.push(i / 8)
    flags.push(i % 7 === 0 ? null : i % 2 === 0)
  }
  return [
    { name: 'id', data: ids, type: 'INT64', nullable: false },
    { name: 'text', data: texts, type: 'STRING', nullable: false },
    { name: 'label', data: labels, type: 'INT32', nullable: false },
    { name: 'score', data: scores, type: 'DOUBLE', nullable: false },
    { name: 'flag', data: flags, type: 'BOOLEAN' }
  ]
}

const ROWS = 250
const ROW_GROUP = 100

const zstdStored = (input) => {
  const blocks = []
  const MAX = 128 * 1024
  for (let at = 0; at < input.length || blocks.length === 0; at += MAX) {
    const size = Math.min(MAX, input.length - at)
    const last = at + MAX >= input.length ? 1 : 0
    const header = (size << 3) | (0 << 1) | last // block type 0: raw
    blocks.push(Buffer.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]))
    blocks.push(Buffer.from(input.subarray(at, at + size)))
  }
  const frameHeader = Buffer.alloc(9)
  frameHeader.writeUInt32LE(0xfd2fb528, 0)
  frameHeader[4] = 0xa0 // single segment, 4-byte content size
  frameHeader.writeUInt32LE(input.length, 5)
  return new Uint8Array(Buffer.concat([frameHeader, ...blocks]))
}

/** An LZ4 block holding only literals (its one sequence has no match), valid by the format. */
const lz4Stored = (input) => {
  const length = input.length
  const head = [Math.min(length, 15) << 4]
  if (length >= 15) {
    let rest = length - 15
    while (rest >= 255) {
      head.push(255)
      rest -= 255
    }
    head.push(rest)
  }
  return new Uint8Array(Buffer.concat([Buffer.from(head), Buffer.from(input)]))
}

/** Hadoop's LZ4 framing: big-endian decompressed and compressed sizes before the block. */
const lz4Hadoop = (input) => {
  const block = lz4Stored(input)
  const sizes = Buffer.alloc(8)
  sizes.writeUInt32BE(input.length, 0)
  sizes.writeUInt32BE(block.length, 4)
  return new Uint8Array(Buffer.concat([sizes, block]))
}

const compressors = {
  GZIP: (input) => new Uint8Array(gzipSync(input, { level: 9 })),
  BROTLI: (input) =>
    new Uint8Array(brotliCompressSync(input, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } })),
  ZSTD: zstdStored,
  LZ4_RAW: lz4Stored,
  LZ4: lz4Hadoop
}

function write(name, options) {
  const buffer = parquetWriteBuffer({ createdBy: 'dataset-gate fixtures', ...options })
  writeFileSync(join(here, name), Buffer.from(buffer))
  console.log(`${name}: ${buffer.byteLength} bytes`)
}

for (const codec of ['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'BROTLI', 'ZSTD', 'LZ4_RAW', 'LZ4']) {
  write(`rows-${codec.toLowerCase().replace('_', '-')}.parquet`, {
    columnData: rowsColumns(ROWS),
    codec,
    compressors,
    rowGroupSize: ROW_GROUP
  })
}

// One row group of awkward types: 64-bit integers past 2^53, timestamps, dates, raw bytes, JSON,
// non-finite floats, nested lists and structs, a column named __proto__.
const nonUtf8 = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00])
write('types.parquet', {
  columnData: [
    { name: 'big', data: [1n, -5n, 9007199254740993n, -9007199254740993n] },
    {
      name: 'ts',
      data: [new Date('2024-01-02T03:04:05.678Z'), new Date(0), null, new Date('1999-12-31T23:59:59.999Z')]
    },
    { name: 'day', data: [19724, 0, -1, null] },
    { name: 'blob', data: [nonUtf8, new TextEncoder().encode('plain text ✓'), new Uint8Array(0), null] },
    // hyparquet-writer serialises JSON values itself (this string becomes `"not json"`).
    { name: 'doc', data: [{ x: [1, 2], y: { z: null } }, 'not json', null, []] },
    { name: 'f', data: [1.5, NaN, Infinity, -0.25] },
    { name: 'tags', data: [['a', 'b'], [], null, ['[not] "an" {array}']] },
    { name: 'meta', data: [{ a: 1, b: [1, 2] }, { a: null, b: [] }, null, { a: 3, b: null }] },
    { name: 'items', data: [[{ k: 'x', v: 0.5 }], [], null, [{ k: 'y', v: -1 }, { k: 'z', v: 2 }]] },
    { name: '__proto__', data: [1, 2, 3, 4] }
  ],
  schema: [
    { name: 'root', num_children: 10 },
    { name: 'big', type: 'INT64', repetition_type: 'REQUIRED' },
    { name: 'ts', type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type: 'OPTIONAL' },
    { name: 'day', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
    { name: 'blob', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' },
    { name: 'doc', type: 'BYTE_ARRAY', converted_type: 'JSON', repetition_type: 'OPTIONAL' },
    { name: 'f', type: 'DOUBLE', repetition_type: 'REQUIRED' },
    { name: 'tags', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    { name: 'meta', repetition_type: 'OPTIONAL', num_children: 2 },
    { name: 'a', type: 'INT32', repetition_type: 'OPTIONAL' },
    { name: 'b', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { name: 'element', type: 'INT32', repetition_type: 'OPTIONAL' },
    { name: 'items', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { name: 'element', repetition_type: 'OPTIONAL', num_children: 2 },
    { name: 'k', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    { name: 'v', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
    { name: '__proto__', type: 'INT32', repetition_type: 'REQUIRED' }
  ],
  // Stored uncompressed so that a test can patch values in place.
  codec: 'UNCOMPRESSED'
})
