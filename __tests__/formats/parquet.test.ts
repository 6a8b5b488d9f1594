import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parquetMetadata } from 'hyparquet'
import { readParquet } from '../../src/formats/parquet.js'
import type { ReadEvent, RowValues } from '../../src/types.js'
import { collect } from './streams.js'

// Made by __tests__/__fixtures__/formats/make-parquet.mjs (see there for how to regenerate).
const FIXTURES = join(process.cwd(), '__tests__/__fixtures__/formats')
const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name))

const ROWS = 250
const GROUPS = [100, 100, 50]

/** Row i of the rows-*.parquet fixtures, as make-parquet.mjs writes it. */
function expectedRow(i: number): RowValues {
  return {
    id: i,
    text: `sample ${i}: ${'quick brown fox '.repeat(i % 4)}`.trim(),
    label: i % 3,
    score: i / 8,
    flag: i % 7 === 0 ? null : i % 2 === 0
  }
}

describe('readParquet', () => {
  it.each([
    ['rows-uncompressed.parquet', 'UNCOMPRESSED'],
    ['rows-snappy.parquet', 'SNAPPY'],
    ['rows-gzip.parquet', 'GZIP'],
    ['rows-brotli.parquet', 'BROTLI'],
    ['rows-zstd.parquet', 'ZSTD'],
    ['rows-lz4-raw.parquet', 'LZ4_RAW'],
    ['rows-lz4.parquet', 'LZ4']
  ])('reads every row group of %s', async (name, codec) => {
    const bytes = fixture(name)
    // The fixture really is what its name says: several row groups, all in this codec.
    const metadata = parquetMetadata(bytes)
    expect(metadata.row_groups.map((group) => Number(group.num_rows))).toEqual(GROUPS)
    const codecs = metadata.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec))
    expect(new Set(codecs)).toEqual(new Set([codec]))

    const { rows, problems } = await collect(readParquet(bytes))
    expect(problems).toEqual([])
    expect(rows).toHaveLength(ROWS)
    rows.forEach((row, i) => {
      expect(row).toEqual({ row: i, values: expectedRow(i) })
      expect(row).not.toHaveProperty('line')
    })
  })

  it('reads from a Uint8Array view into a larger buffer', async () => {
    const bytes = fixture('rows-snappy.parquet')
    const padded = new Uint8Array(bytes.length + 64)
    padded.set(bytes, 32)
    const { rows, problems } = await collect(readParquet(padded.subarray(32, 32 + bytes.length)))
    expect(problems).toEqual([])
    expect(rows[ROWS - 1]).toEqual({ row: ROWS - 1, values: expectedRow(ROWS - 1) })
  })

  it('converts values to JSON: 64-bit integers, dates, bytes, JSON, non-finite floats, nesting', async () => {
    const { rows, problems } = await collect(readParquet(fixture('types.parquet')))
    expect(problems).toEqual([])
    expect(rows.map((r) => r.row)).toEqual([0, 1, 2, 3])
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00])
    expect(rows.map((r) => r.values)).toEqual([
      {
        big: 1,
        ts: '2024-01-02T03:04:05.678Z',
        day: '2024-01-02T00:00:00.000Z',
        blob: png.toString('base64'),
        doc: { x: [1, 2], y: { z: null } },
        f: 1.5,
        tags: ['a', 'b'],
        meta: { a: 1, b: [1, 2] },
        items: [{ k: 'x', v: 0.5 }],
        ['__proto__']: 1
      },
      {
        big: -5,
        ts: '1970-01-01T00:00:00.000Z',
        day: '1970-01-01T00:00:00.000Z',
        blob: 'plain text ✓',
        doc: 'not json',
        f: null,
        tags: [],
        meta: { a: null, b: [] },
        items: [],
        ['__proto__']: 2
      },
      {
        big: '9007199254740993',
        ts: null,
        day: '1969-12-31T00:00:00.000Z',
        blob: '',
        doc: null,
        f: null,
        tags: null,
        meta: null,
        items: null,
        ['__proto__']: 3
      },
      {
        big: '-9007199254740993',
        ts: '1999-12-31T23:59:59.999Z',
        day: null,
        blob: null,
        doc: [],
        f: -0.25,
        tags: ['[not] "an" {array}'],
        meta: { a: 3, b: null },
        items: [
          { k: 'y', v: -1 },
          { k: 'z', v: 2 }
        ],
        ['__proto__']: 4
      }
    ])
    // A column named __proto__ is data, not the row object's prototype.
    const first = rows[0].values
    expect(Object.getPrototypeOf(first)).toBe(Object.prototype)
    expect(Object.keys(first)).toContain('__proto__')
    // Every value survives a JSON round trip unchanged (no BigInt, Date or typed array left).
    for (const row of rows) expect(JSON.parse(JSON.stringify(row.values))).toEqual(row.values)
  })

  it('keeps a JSON column value that is not JSON as its text', async () => {
    const bytes = Buffer.from(fixture('types.parquet'))
    // The data page comes before the footer's statistics, which quote the value too.
    const at = bytes.indexOf('"not json"')
    expect(at).toBeGreaterThan(0)
    bytes.write('{not json}', at)
    const { rows, problems } = await collect(readParquet(bytes))
    expect(problems).toEqual([])
    expect(rows[1].values.doc).toBe('{not json}')
    expect(rows[0].values.doc).toEqual({ x: [1, 2], y: { z: null } })
  })

  it.each([
    ['an empty buffer', Buffer.alloc(0)],
    ['text', Buffer.from('id,text\n1,hello\n')],
    ['a file cut short', fixture('rows-snappy.parquet').subarray(0, 4000)],
    ['a file without its last byte', fixture('rows-gzip.parquet').subarray(0, -1)],
    ['a footer claiming more metadata than the file holds', withFooterLength(0x7fffffff)]
  ])('turns %s into one problem', async (_name, bytes) => {
    const { events } = await collect(readParquet(bytes))
    expect(events).toEqual([
      {
        type: 'problem',
        problem: { message: expect.stringMatching(/^not a readable Parquet file: .+/) }
      }
    ])
  })

  it('reports a corrupt row group and still reads the others', async () => {
    const bytes = Buffer.from(fixture('rows-gzip.parquet'))
    const metadata = parquetMetadata(bytes)
    // Overwrite the pages of the second row group's `text` column with garbage.
    const chunk = metadata.row_groups[1].columns[1].meta_data
    if (!chunk) throw new Error('fixture has no column metadata')
    const start = Number(chunk.dictionary_page_offset ?? chunk.data_page_offset)
    bytes.fill(0xff, start, start + Number(chunk.total_compressed_size))

    const { rows, problems } = await collect(readParquet(bytes))
    expect(problems).toEqual([
      { row: 100, message: expect.stringMatching(/^row group 2 of 3 \(rows 100-199\): .+/) }
    ])
    expect(rows.map((r) => r.row)).toEqual([
      ...Array.from({ length: 100 }, (_, i) => i),
      ...Array.from({ length: 50 }, (_, i) => 200 + i)
    ])
    expect(rows[100]).toEqual({ row: 200, values: expectedRow(200) })
  })

  it.each([
    ['names no column', 'lbbel'],
    ['repeats another column', 'score']
  ])('refuses a row group whose column chunk %s, and reads the others', async (_name, path) => {
    const bytes = Buffer.from(fixture('rows-gzip.parquet'))
    const footer = bytes.length - 8 - bytes.readUInt32LE(bytes.length - 8)
    // In the footer, the schema names `label` first, then each row group's chunk path does.
    const schemaName = bytes.indexOf('label', footer)
    const firstGroupPath = bytes.indexOf('label', schemaName + 1)
    expect(firstGroupPath).toBeGreaterThan(schemaName)
    bytes.write(path, firstGroupPath)

    const { rows, problems } = await collect(readParquet(bytes))
    expect(problems).toEqual([
      {
        row: 0,
        message: `row group 1 of 3 (rows 0-99): column chunk "${path}" does not match the schema`
      }
    ])
    expect(rows).toHaveLength(150)
    expect(rows[0]).toEqual({ row: 100, values: expectedRow(100) })
  })

  it('refuses a row group that would decompress past the limit, one problem per group', async () => {
    const { rows, problems } = await collect(
      readParquet(fixture('rows-gzip.parquet'), { maxRowGroupBytes: 2000 })
    )
    expect(rows).toEqual([])
    expect(problems.map((p) => p.row)).toEqual([0, 100, 200])
    expect(problems[0].message).toMatch(/decompresses to more than 2,000 bytes/)
    // The same limit is no obstacle when it is large enough.
    const roomy = await collect(
      readParquet(fixture('rows-gzip.parquet'), { maxRowGroupBytes: 1e6 })
    )
    expect(roomy.rows).toHaveLength(ROWS)
  })

  it('rejects a gzip page that inflates past its declared size', async () => {
    const bytes = Buffer.from(fixture('rows-gzip.parquet'))
    // Same compressed data, but the header of the first `text` page now under-declares its size:
    // the decoder must stop at the declared size instead of growing its output.
    const metadata = parquetMetadata(bytes)
    const chunk = metadata.row_groups[0].columns[1].meta_data
    if (!chunk) throw new Error('fixture has no column metadata')
    const declared = lowerDeclaredPageSize(
      bytes,
      Number(chunk.dictionary_page_offset ?? chunk.data_page_offset)
    )
    expect(declared).toBeGreaterThan(0)
    const { problems } = await collect(readParquet(bytes))
    expect(problems[0]).toEqual({
      row: 0,
      message: `row group 1 of 3 (rows 0-99): a page decompresses to more than the ${declared} bytes its header declares`
    })
  })
})

describe('readParquet in its decoder worker', () => {
  it('the hostile fixture really hangs hyparquet on its own', () => {
    // Outside the worker and its watchdog, hyparquet spins on the file until killed.
    const script = [
      "import { parquetReadObjects } from 'hyparquet'",
      'const parts = []',
      'for await (const part of process.stdin) parts.push(part)',
      'const bytes = Buffer.concat(parts)',
      'await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) })',
      "console.log('decoded')"
    ].join('\n')
    const started = Date.now()
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      input: hangingParquet(),
      timeout: 3000,
      encoding: 'utf8'
    })
    expect(result.signal).toBe('SIGTERM')
    expect(result.stdout).not.toContain('decoded')
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000)
  })

  it('survives a run length far beyond its page: the run is bounded, every row is read', async () => {
    const started = Date.now()
    const { rows, problems } = await collect(readParquet(overlongRunParquet()))
    expect(problems).toEqual([])
    expect(rows).toHaveLength(ROWS)
    // The run's one value, repeated over the page: what the file says, however corrupt.
    expect(new Set(rows.slice(100, 200).map((row) => row.values.label)).size).toBe(1)
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  it('stops a decoder that makes no progress: the rows before, then one problem', async () => {
    const started = Date.now()
    const { rows, problems, events } = await collect(
      readParquet(hangingParquet(), { progressTimeoutMs: 2000 })
    )
    expect(Date.now() - started).toBeLessThan(15_000)
    // Row group 1 is read; row group 2 hangs the decoder; row group 3 is never reached.
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: 100 }, (_, i) => i))
    expect(rows[99]).toEqual({ row: 99, values: expectedRow(99) })
    expect(problems).toEqual([
      {
        row: 100,
        message:
          'row group 2 of 3 (rows 100-199): Parquet decoding stopped: no progress for 2 s (corrupt or hostile file); the rest of the file was not read'
      }
    ])
    expect(events.at(-1)?.type).toBe('problem')
  })

  it('stops the decoder when the caller stops reading, even one that is stuck', async () => {
    const started = Date.now()
    const seen: ReadEvent[] = []
    // A watchdog far beyond the test's patience: only closing the reader can end the worker.
    for await (const event of readParquet(hangingParquet(), { progressTimeoutMs: 600_000 })) {
      seen.push(event)
      if (event.type === 'row' && event.row.row === 99) break
    }
    expect(seen).toHaveLength(100)
    expect(Date.now() - started).toBeLessThan(15_000)
    // Leaving the loop awaited the worker's termination: no thread of this process spins on.
    const cpu = process.cpuUsage()
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(process.cpuUsage(cpu).user / 1000).toBeLessThan(250)
  })

  it('does not blame the decoder for time the main thread was busy', async () => {
    const rows: number[] = []
    const problems: unknown[] = []
    for await (const event of readParquet(fixture('rows-snappy.parquet'), {
      progressTimeoutMs: 1000
    })) {
      if (event.type === 'problem') problems.push(event.problem)
      else rows.push(event.row.row)
      if (rows.length === 1) {
        // The reader soon waits for the next batch, watchdog armed, and this task then holds the
        // main thread past its deadline; after it the overdue timer runs before the batch that
        // arrived meanwhile is delivered, and must find that batch rather than report a stall.
        setImmediate(() => {
          const until = Date.now() + 2500
          while (Date.now() < until);
        })
      }
    }
    expect(problems).toEqual([])
    expect(rows).toEqual(Array.from({ length: ROWS }, (_, i) => i))
  })

  it('hands a whole buffer over to the decoder and copies a view into a larger one', async () => {
    const whole = fixture('rows-snappy.parquet')
    const view = new Uint8Array(whole.length + 16).subarray(8, 8 + whole.length)
    view.set(whole)
    expect((await collect(readParquet(whole))).rows).toHaveLength(ROWS)
    expect((await collect(readParquet(view))).rows).toHaveLength(ROWS)
    // The whole buffer was transferred (the caller's view is detached), the view was copied.
    expect(whole.length).toBe(0)
    expect(view.length).toBe(fixture('rows-snappy.parquet').length)
  })
})

/**
 * rows-uncompressed.parquet with, in row group 2's `label` data page, an RLE run (bit width 2) of
 * 2^30 values. Unbounded, hyparquet 1.33's readRle writes them all into a plain array, which grows
 * until V8 aborts the process (measured: SIGTRAP after 7 s and 2.9 GB); the bundle bounds the run
 * by the output (scripts/bundle.mjs).
 */
function overlongRunParquet(): Buffer {
  const bytes = Buffer.from(fixture('rows-uncompressed.parquet'))
  const chunk = parquetMetadata(bytes).row_groups[1].columns[2].meta_data
  if (!chunk) throw new Error('fixture has no column metadata')
  const chunkEnd =
    Number(chunk.dictionary_page_offset ?? chunk.data_page_offset) +
    Number(chunk.total_compressed_size)
  const data = chunkEnd - compressedPageSize(bytes, Number(chunk.data_page_offset))
  // Bit width 2, then the run header 2^31 (even: RLE of 2^30 values) as a varint, then the value.
  bytes.set([0x02, 0x80, 0x80, 0x80, 0x80, 0x08, 0x01], data)
  return bytes
}

/**
 * rows-uncompressed.parquet made hostile to hyparquet 1.33's RLE/bit-packed hybrid decoder: the
 * data page of row group 2's `label` column (dictionary indices) gets bit width 0 and, as its first
 * run, a bit-packed run of 2^28 groups of 8 values. Counted in 32-bit arithmetic, 2^28 << 3
 * overflows to -2^31, so the decoder's `while (count)` loop counts down forever, and with width 0 it
 * reads no bytes, so it never runs out of page either.
 */
function hangingParquet(): Buffer {
  const bytes = Buffer.from(fixture('rows-uncompressed.parquet'))
  const chunk = parquetMetadata(bytes).row_groups[1].columns[2].meta_data
  if (!chunk) throw new Error('fixture has no column metadata')
  expect(chunk.path_in_schema).toEqual(['label'])
  expect(chunk.codec).toBe('UNCOMPRESSED')
  expect(chunk.encodings).toContain('RLE_DICTIONARY')
  // One dictionary page, then one data page, which ends the chunk; `label` is required, so the
  // data page holds no levels: its data starts with the bit width.
  const chunkEnd =
    Number(chunk.dictionary_page_offset ?? chunk.data_page_offset) +
    Number(chunk.total_compressed_size)
  const data = chunkEnd - compressedPageSize(bytes, Number(chunk.data_page_offset))
  expect(bytes[data]).toBe(2) // three dictionary values: two bits each
  // Bit width 0, then the run header 2^29 + 1 (odd: bit-packed; 2^28 groups) as a varint.
  bytes.set([0x00, 0x81, 0x80, 0x80, 0x80, 0x02], data)
  return bytes
}

/** The compressed_page_size (thrift field 3, after fields 1 and 2) of the page header at `offset`. */
function compressedPageSize(bytes: Buffer, offset: number): number {
  let i = offset
  let value = 0
  for (let field = 1; field <= 3; field++) {
    // Each field: header byte 0x15 (delta 1, type i32), then a zigzag varint.
    if (bytes[i++] !== 0x15) throw new Error('unexpected page header layout')
    value = 0
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[i++]
      value |= (byte & 0x7f) << shift
      if (!(byte & 0x80)) break
    }
  }
  return value >>> 1
}

/** The rows-snappy fixture with its footer's metadata length replaced. */
function withFooterLength(length: number): Buffer {
  const bytes = Buffer.from(fixture('rows-snappy.parquet'))
  bytes.writeUInt32LE(length, bytes.length - 8)
  return bytes
}

/**
 * Halves the uncompressed_page_size (thrift field 2, a zigzag varint right after field 1) of the
 * page header at `offset`, in place and without changing its byte length. Returns the new size.
 */
function lowerDeclaredPageSize(bytes: Buffer, offset: number): number {
  let i = offset
  // Field 1 (type, i32): header byte 0x15, then a zigzag varint.
  if (bytes[i++] !== 0x15) throw new Error('unexpected page header layout')
  while (bytes[i++] & 0x80);
  // Field 2 (uncompressed_page_size, i32): header byte 0x15.
  if (bytes[i++] !== 0x15) throw new Error('unexpected page header layout')
  const start = i
  let value = 0
  let shift = 0
  let length = 0
  for (;;) {
    const byte = bytes[i++]
    value |= (byte & 0x7f) << shift
    shift += 7
    length++
    if (!(byte & 0x80)) break
  }
  const size = value >>> 1
  const smaller = Math.max(1, Math.floor(size / 2))
  // Re-encode in the same number of bytes (continuation bits padded), so offsets stay valid.
  let zigzag = smaller << 1
  for (let k = 0; k < length; k++) {
    const last = k === length - 1
    bytes[start + k] = (zigzag & 0x7f) | (last ? 0 : 0x80)
    zigzag >>>= 7
  }
  return smaller
}
