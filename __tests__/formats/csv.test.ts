import { readDelimited } from '../../src/formats/csv.js'
import { chunked, collect, failingAfter } from './streams.js'

const csv = (data: Buffer | string, size?: number) =>
  collect(readDelimited(chunked(data, size), { delimiter: ',' }))
const tsv = (data: Buffer | string, size?: number) =>
  collect(readDelimited(chunked(data, size), { delimiter: '\t' }))

describe('readDelimited', () => {
  it('maps header names to string values, the header being line 1', async () => {
    const { events } = await csv('text,label\nhello,1\n"a, b",0\n')
    expect(events).toEqual([
      { type: 'row', row: { line: 2, row: 0, values: { text: 'hello', label: '1' } } },
      { type: 'row', row: { line: 3, row: 1, values: { text: 'a, b', label: '0' } } }
    ])
  })

  it.each([1, 2, 3, 7, 64 * 1024])(
    'gives the start line of records whose quoted fields span lines (chunks of %i bytes)',
    async (size) => {
      const input = [
        '\ufefftext,label\r\n',
        '"first\r\nsecond\r\nthird",1\r\n',
        '\r\n',
        'plain,0\r\n',
        '"say ""hi""\nthen\n\nleave",1\n',
        '\n\n',
        'last,0'
      ].join('')
      const { rows, problems } = await csv(input, size)
      expect(problems).toEqual([])
      expect(rows).toEqual([
        { line: 2, row: 0, values: { text: 'first\r\nsecond\r\nthird', label: '1' } },
        { line: 6, row: 1, values: { text: 'plain', label: '0' } },
        { line: 7, row: 2, values: { text: 'say "hi"\nthen\n\nleave', label: '1' } },
        { line: 13, row: 3, values: { text: 'last', label: '0' } }
      ])
    }
  )

  it('reads a header-only file as no rows', async () => {
    expect((await csv('a,b,c\n')).events).toEqual([])
    expect((await csv('a,b,c')).events).toEqual([])
    expect((await csv('')).events).toEqual([])
  })

  it('reports ragged rows at their line, keeping their row index', async () => {
    const { rows, problems } = await csv('a,b\n1,2\n3,4,5\n6\n7,8\n')
    expect(problems).toEqual([
      { line: 3, row: 1, message: 'expected 2 fields, found 3', excerpt: '3,4,5' },
      { line: 4, row: 2, message: 'expected 2 fields, found 1', excerpt: '6' }
    ])
    expect(rows.map((r) => [r.line, r.row, r.values])).toEqual([
      [2, 0, { a: '1', b: '2' }],
      [5, 3, { a: '7', b: '8' }]
    ])
  })

  it('ends with a problem where an unterminated quote starts, after the rows before it', async () => {
    const { events } = await csv('a,b\n1,2\n\n"never closed,3\n4,5\n6,7\n', 4)
    expect(events).toEqual([
      { type: 'row', row: { line: 2, row: 0, values: { a: '1', b: '2' } } },
      {
        type: 'problem',
        problem: {
          line: 4,
          row: 1,
          message: 'a quoted field is never closed; the rest of the file could not be read',
          excerpt: '"never closed,3\n4,5\n6,7'
        }
      }
    ])
  })

  it('names generated and duplicate headers', async () => {
    const { rows } = await csv(' text ,,text,label,\nx,y,z,1,w\n')
    expect(rows[0].values).toEqual({
      text: 'x',
      column_2: 'y',
      text_2: 'z',
      label: '1',
      column_5: 'w'
    })
  })

  it('reads TSV with quotes inside unquoted fields', async () => {
    const { rows, problems } = await tsv(
      'text\tlabel\nhe said "hi" twice\t1\n"quoted\ttab"\t0\n5" screen\t1\n'
    )
    expect(problems).toEqual([])
    expect(rows.map((r) => r.values)).toEqual([
      { text: 'he said "hi" twice', label: '1' },
      { text: 'quoted\ttab', label: '0' },
      { text: '5" screen', label: '1' }
    ])
  })

  it('keeps commas as data in TSV', async () => {
    const { rows } = await tsv('a\tb\n1,2\t3\n')
    expect(rows[0].values).toEqual({ a: '1,2', b: '3' })
  })

  it('reassembles multi-byte characters split across 1-byte chunks', async () => {
    const { rows } = await csv('text,n\n"héllo, 世界 🎉",1\n', 1)
    expect(rows[0].values.text).toBe('héllo, 世界 🎉')
  })

  it('reports invalid UTF-8 instead of hiding it behind replacement characters', async () => {
    const input = Buffer.concat([
      Buffer.from('a,b\nok,1\nbad'),
      Buffer.from([0xff]),
      Buffer.from(',2\nfine,3\n')
    ])
    const { rows, problems } = await csv(input)
    expect(problems).toEqual([
      { line: 3, row: 1, message: 'invalid UTF-8', excerpt: 'bad\ufffd,2' }
    ])
    expect(rows.map((r) => r.row)).toEqual([0, 2])
  })

  it('keeps a __proto__ column as data', async () => {
    const { rows } = await csv('__proto__,b\nx,y\n')
    expect(Object.keys(rows[0].values)).toEqual(['__proto__', 'b'])
  })

  it('propagates a failure of the byte source', async () => {
    const events = readDelimited(failingAfter('a,b\n1,2\n', new Error('git died')), {
      delimiter: ','
    })
    await expect(collect(events)).rejects.toThrow('git died')
  })
})
