import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { readRows } from '../../src/formats/index.js'
import { chunked, collect, failingAfter } from './streams.js'

describe('readRows', () => {
  it('dispatches JSONL, CSV and TSV', async () => {
    const jsonl = await collect(readRows('jsonl', chunked('{"a": 1}\n')))
    const csv = await collect(readRows('csv', chunked('a,b\n1,2\n')))
    const tsv = await collect(readRows('tsv', chunked('a\tb\n1,x\t2\n')))
    expect(jsonl.rows).toEqual([{ line: 1, row: 0, values: { a: 1 }, text: '{"a": 1}' }])
    expect(csv.rows).toEqual([{ line: 2, row: 0, values: { a: '1', b: '2' } }])
    expect(tsv.rows).toEqual([{ line: 2, row: 0, values: { a: '1,x', b: '2' } }])
  })

  it('decompresses gzip, whatever the chunk boundaries', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ i, text: `row ${i} ✓` }))
    const compressed = gzipSync(`${lines.join('\n')}\n`)
    const { rows, problems } = await collect(
      readRows('jsonl', chunked(compressed, 13), { gzip: true })
    )
    expect(problems).toEqual([])
    expect(rows).toHaveLength(2000)
    expect(rows[1999]).toEqual({
      line: 2000,
      row: 1999,
      values: { i: 1999, text: 'row 1999 ✓' },
      text: lines[1999]
    })
    const csv = await collect(readRows('csv', chunked(gzipSync('a,b\n1,2\n')), { gzip: true }))
    expect(csv.rows).toEqual([{ line: 2, row: 0, values: { a: '1', b: '2' } }])
  })

  it('turns corrupt or truncated gzip into a problem after the rows it could read', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) =>
      JSON.stringify({ i, pad: 'x'.repeat(i % 97) })
    )
    const compressed = gzipSync(`${lines.join('\n')}\n`)
    const truncated = await collect(
      readRows('jsonl', chunked(compressed.subarray(0, compressed.length - 100), 512), {
        gzip: true
      })
    )
    expect(truncated.problems).toHaveLength(1)
    expect(truncated.problems[0].message).toMatch(/could not decompress/)
    expect(truncated.rows.length).toBeGreaterThan(1000)
    expect(truncated.events.at(-1)?.type).toBe('problem')

    const notGzip = await collect(readRows('csv', chunked('a,b\n1,2\n'), { gzip: true }))
    expect(notGzip.rows).toEqual([])
    expect(notGzip.problems[0].message).toMatch(/could not decompress/)
  })

  it('propagates a failure of the byte source, also through gunzip', async () => {
    const error = new Error('git died')
    await expect(collect(readRows('csv', failingAfter('a\n1\n', error)))).rejects.toThrow(
      'git died'
    )
    const gz = (async function* () {
      yield gzipSync('{"a": 1}\n').subarray(0, 10)
      throw error
    })()
    await expect(collect(readRows('jsonl', gz, { gzip: true }))).rejects.toThrow('git died')
  })

  it('dispatches JSON documents, also gzip-compressed', async () => {
    const text = '[\n  {"a": 1},\n  {"a": 2}\n]\n'
    const expected = [
      { line: 2, row: 0, values: { a: 1 } },
      { line: 3, row: 1, values: { a: 2 } }
    ]
    expect((await collect(readRows('json', chunked(text)))).rows).toEqual(expected)
    const gz = await collect(readRows('json', chunked(gzipSync(text), 5), { gzip: true }))
    expect(gz.rows).toEqual(expected)
    const wrapped = await collect(readRows('json', chunked('{"data": [{"a": 1}]}\n')))
    expect(wrapped.rows).toEqual([{ line: 1, row: 0, values: { a: 1 } }])
  })

  it('reads a .json file holding JSON Lines as JSON Lines, whatever the chunking', async () => {
    // Chat data: each line's object has an array field of objects, which must not pass for the
    // wrapper of a JSON document.
    const lines = [
      '{"messages": [{"role": "user", "content": "hi"}]}',
      '{"messages": [{"role": "user", "content": "bye"}]}',
      '{"messages": [{"role": "user", "content": "again"}]}'
    ]
    const text = `${lines.join('\n')}\n`
    for (const size of [1, 10, 60, 1000]) {
      const { rows, problems } = await collect(readRows('json', chunked(text, size)))
      expect(problems).toEqual([])
      expect(rows).toEqual(
        lines.map((l, i) => ({ line: i + 1, row: i, values: JSON.parse(l), text: l }))
      )
    }
  })

  it('takes a single-line object for a wrapped document, not one JSON Lines row', async () => {
    const { rows, problems } = await collect(
      readRows('json', chunked('{"data": [{"a": 1}, {"a": 2}]}\n\n'))
    )
    expect(problems).toEqual([])
    expect(rows.map((r) => r.values)).toEqual([{ a: 1 }, { a: 2 }])
  })

  it('stops the source when a JSON reader stops early', async () => {
    let closed = false
    const source = (async function* () {
      try {
        yield Buffer.from('{"a": 1}\n')
        yield Buffer.from('{"a": 2}\n')
        for (;;) yield Buffer.from('{"a": 3}\n')
      } finally {
        closed = true
      }
    })()
    for await (const event of readRows('json', source)) {
      expect(event.type).toBe('row')
      break
    }
    expect(closed).toBe(true)
  })

  it('dispatches Parquet, collecting the chunks into one buffer', async () => {
    const bytes = readFileSync(
      join(process.cwd(), '__tests__/__fixtures__/formats/rows-snappy.parquet')
    )
    const { rows, problems } = await collect(readRows('parquet', chunked(bytes, 1000)))
    expect(problems).toEqual([])
    expect(rows).toHaveLength(250)
    expect(rows[249]).toMatchObject({ row: 249, values: { id: 249, label: 0 } })
    const corrupt = await collect(readRows('parquet', chunked('not parquet')))
    expect(corrupt.problems).toEqual([
      { message: expect.stringMatching(/^not a readable Parquet/) }
    ])
  })

  it('propagates a failure of the byte source for JSON and Parquet', async () => {
    const error = new Error('git died')
    await expect(collect(readRows('json', failingAfter('[{"a": 1},', error)))).rejects.toThrow(
      'git died'
    )
    await expect(collect(readRows('parquet', failingAfter('PAR1', error)))).rejects.toThrow(
      'git died'
    )
  })
})
