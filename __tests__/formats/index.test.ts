import { gzipSync } from 'node:zlib'
import { readRows } from '../../src/formats/index.js'
import { chunked, collect, failingAfter } from './streams.js'

describe('readRows', () => {
  it('dispatches JSONL, CSV and TSV', async () => {
    const jsonl = await collect(readRows('jsonl', chunked('{"a": 1}\n')))
    const csv = await collect(readRows('csv', chunked('a,b\n1,2\n')))
    const tsv = await collect(readRows('tsv', chunked('a\tb\n1,x\t2\n')))
    expect(jsonl.rows).toEqual([{ line: 1, row: 0, values: { a: 1 } }])
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
    expect(rows[1999]).toEqual({ line: 2000, row: 1999, values: { i: 1999, text: 'row 1999 ✓' } })
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

  it.each(['json', 'parquet'] as const)(
    'says %s is not read yet without consuming the bytes',
    async (format) => {
      let pulled = false
      const source = (async function* () {
        pulled = true
        yield Buffer.from('[]')
      })()
      const { events } = await collect(readRows(format, source))
      expect(events).toEqual([
        { type: 'problem', problem: { message: expect.stringMatching(/not supported yet/) } }
      ])
      expect(pulled).toBe(false)
    }
  )
})
