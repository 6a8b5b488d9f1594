import fc from 'fast-check'
import { readJsonArray } from '../../src/formats/json-array.js'
import { MAX_JSON_DEPTH } from '../../src/formats/jsonl.js'
import type { JsonValue } from '../../src/types.js'
import { chunked, collect } from './streams.js'

const read = (text: string | Buffer, size?: number) => collect(readJsonArray(chunked(text, size)))

/** Every way of cutting `text` into two chunks, plus single-byte chunks. */
async function everySplit(text: string): Promise<Awaited<ReturnType<typeof read>>[]> {
  const bytes = Buffer.from(text)
  const results = [await read(bytes, 1)]
  for (let cut = 1; cut < bytes.length; cut++) {
    const source = (async function* () {
      yield bytes.subarray(0, cut)
      yield bytes.subarray(cut)
    })()
    results.push(await collect(readJsonArray(source)))
  }
  return results
}

const PRETTY = `[
  {
    "id": 1,
    "text": "brackets ] } [ { and a comma, inside a string",
    "nested": {"a": [1, 2, {"b": "}"}], "c": {}}
  },
  {
    "id": 2,
    "text": "escaped \\"quotes\\", a backslash \\\\ and \\\\\\" mixed",
    "unicode": "caf\\u00e9 ✓ 𝒳"
  },
  {"id": 3, "empty": [], "obj": {}}
]
`

describe('readJsonArray', () => {
  it('reads a pretty-printed array: each row at the line where its element starts', async () => {
    const { rows, problems } = await read(PRETTY)
    expect(problems).toEqual([])
    expect(rows).toEqual([
      {
        line: 2,
        row: 0,
        values: {
          id: 1,
          text: 'brackets ] } [ { and a comma, inside a string',
          nested: { a: [1, 2, { b: '}' }], c: {} }
        }
      },
      {
        line: 7,
        row: 1,
        values: {
          id: 2,
          text: 'escaped "quotes", a backslash \\ and \\" mixed',
          unicode: 'café ✓ 𝒳'
        }
      },
      { line: 12, row: 2, values: { id: 3, empty: [], obj: {} } }
    ])
  })

  it('gives the same result however the bytes are chunked', async () => {
    const expected = await read(PRETTY)
    for (const result of await everySplit(PRETTY)) expect(result).toEqual(expected)
  })

  it('reads a minified array, all on line 1', async () => {
    const values = Array.from({ length: 50 }, (_, i) => ({ i, s: `]},[{"${i}` }))
    const { rows, problems } = await read(JSON.stringify(values), 7)
    expect(problems).toEqual([])
    expect(rows).toEqual(values.map((v, i) => ({ line: 1, row: i, values: v })))
  })

  it('agrees with JSON.parse on arbitrary arrays of objects, indented or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })), { maxLength: 8 }),
        fc.constantFrom(0, 2, '\t'),
        fc.integer({ min: 1, max: 64 }),
        async (objects, indent, size) => {
          const elements = objects.map((o) => JSON.stringify(o, null, indent))
          const sep = indent === 0 ? '' : '\n'
          const pad = indent === 0 ? '' : ' '
          const text = `[${sep}${elements.map((e) => pad + e.replace(/\n/g, `\n${pad}`)).join(`,${sep}`)}${sep}]`
          const expectedValues = JSON.parse(text) as JsonValue[]
          let line = indent === 0 ? 1 : 2
          const expected = elements.map((element, row) => {
            const entry = { line, row, values: expectedValues[row] }
            // The element's own line breaks, and the one after its comma.
            line += element.split('\n').length - 1 + (indent === 0 ? 0 : 1)
            return entry
          })
          const { rows, problems } = await read(text, size)
          expect(problems).toEqual([])
          expect(rows).toEqual(expected)
        }
      ),
      { numRuns: 150 }
    )
  })

  it('skips a byte order mark and handles CRLF line ends', async () => {
    const text = '\ufeff[\r\n  {"a": 1},\r\n  {"a": "x\\r\\n"}\r\n]\r\n'
    const { rows, problems } = await read(text, 1)
    expect(problems).toEqual([])
    expect(rows).toEqual([
      { line: 2, row: 0, values: { a: 1 } },
      { line: 3, row: 1, values: { a: 'x\r\n' } }
    ])
  })

  it('reports a malformed element at its line and row, then reads on', async () => {
    const text = [
      '[',
      '  {"id": 0},',
      '  {"id": 1, "bad": tru},',
      '  {"id": 2},',
      '  42,',
      '  ["not", "an", "object"],',
      '  {"id": 5}',
      ']'
    ].join('\n')
    const { rows, problems } = await read(text)
    expect(rows).toEqual([
      { line: 2, row: 0, values: { id: 0 } },
      { line: 4, row: 2, values: { id: 2 } },
      { line: 7, row: 5, values: { id: 5 } }
    ])
    expect(problems).toEqual([
      {
        line: 3,
        row: 1,
        message: expect.stringMatching(/^invalid JSON: /),
        excerpt: '{"id": 1, "bad": tru}'
      },
      { line: 5, row: 3, message: 'expected a JSON object, found a number', excerpt: '42' },
      {
        line: 6,
        row: 4,
        message: 'expected a JSON object, found an array',
        excerpt: '["not", "an", "object"]'
      }
    ])
  })

  it('reports an element with unbalanced brackets without losing the file', async () => {
    const text = '[\n{"a": [1},\n{"b": 2}\n]\n'
    const { rows, problems } = await read(text)
    expect(rows).toEqual([])
    expect(problems[0]).toMatchObject({ line: 2, row: 0 })
    expect(problems.length).toBeGreaterThanOrEqual(1)
  })

  it('reports invalid UTF-8 inside an element', async () => {
    const bytes = Buffer.concat([
      Buffer.from('[{"a": "ok"},\n{"a": "'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"},\n{"a": "fine"}]')
    ])
    const { rows, problems } = await read(bytes, 3)
    expect(rows).toEqual([
      { line: 1, row: 0, values: { a: 'ok' } },
      { line: 3, row: 2, values: { a: 'fine' } }
    ])
    expect(problems).toEqual([
      { line: 2, row: 1, message: 'invalid UTF-8', excerpt: '{"a": "\ufffd\ufffd"}' }
    ])
  })

  it.each([
    ['a missing comma', '[{"a": 1}\n{"a": 2}]', "a ',' is missing before this element", 2, 2],
    ['a trailing comma', '[{"a": 1},\n{"a": 2},\n]', "a trailing ',' before the closing ']'", 3, 2],
    ['a doubled comma', '[{"a": 1},\n,{"a": 2}]', "an extra ',' with no element before it", 2, 2],
    ['a stray brace', '[{"a": 1},\n}{"a": 2}]', "an unexpected '}' between elements", 2, 2]
  ])('reports %s and keeps both rows', async (_name, text, message, line, count) => {
    const { rows, problems } = await read(text)
    expect(problems).toEqual([{ line, message }])
    expect(rows.map((r) => r.values)).toEqual([{ a: 1 }, { a: 2 }].slice(0, count))
  })

  it.each([
    ['a string', '"rows"', 'expected a JSON array of objects, found a string'],
    ['a number', '\n\n  12', 'expected a JSON array of objects, found a number'],
    ['text', 'id,text\n1,hi\n', "expected a JSON array of objects, found 'i'"],
    [
      'an object without an array field',
      '{"a": 1,\n "b": {"c": [1]}}',
      'expected a JSON array of objects, or an object with an array field of objects; found an object without any array field'
    ]
  ])('turns a top level that is %s into one problem', async (_name, text, message) => {
    const { events } = await read(text)
    expect(events).toEqual([{ type: 'problem', problem: { line: expect.any(Number), message } }])
  })

  it('stops reading the source once the top level is wrong', async () => {
    let pulled = 0
    let closed = false
    const source = (async function* () {
      try {
        for (;;) {
          pulled++
          yield Buffer.from('"not an array" ')
        }
      } finally {
        closed = true
      }
    })()
    const { problems } = await collect(readJsonArray(source))
    expect(problems).toHaveLength(1)
    expect(pulled).toBe(1)
    expect(closed).toBe(true)
  })

  it('reports an empty file, and reads an empty array as no rows', async () => {
    expect((await read('  \n')).events).toEqual([
      {
        type: 'problem',
        problem: { message: 'the file is empty: expected a JSON array of objects' }
      }
    ])
    expect((await read('[ ]\n')).events).toEqual([])
    expect((await read('{"data": []}')).events).toEqual([])
  })

  it('reports a file cut short, inside an element or between elements', async () => {
    const inside = await read('[\n{"a": 1},\n{"a": "unfinished')
    expect(inside.rows).toEqual([{ line: 2, row: 0, values: { a: 1 } }])
    expect(inside.problems).toEqual([
      {
        line: 3,
        row: 1,
        message: 'the file ends inside this element',
        excerpt: '{"a": "unfinished'
      }
    ])
    const between = await read('[\n{"a": 1},\n')
    expect(between.rows).toHaveLength(1)
    expect(between.problems).toEqual([
      { line: 3, message: 'the file ends before the array is closed' }
    ])
  })

  it('reports content after the array', async () => {
    const { rows, problems } = await read('[{"a": 1}]\n[{"a": 2}]\n')
    expect(rows).toHaveLength(1)
    expect(problems).toEqual([
      { line: 2, message: 'unexpected an array after the end of the top-level value' }
    ])
  })

  it('refuses elements nested deeper than MAX_JSON_DEPTH, and reads the next one', async () => {
    const deep = (levels: number) => `{"x": ${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`
    const text = `[\n${deep(MAX_JSON_DEPTH)},\n${deep(MAX_JSON_DEPTH + 1)},\n{"ok": true}\n]`
    const { rows, problems } = await read(text, 100)
    expect(rows.map((r) => [r.line, r.row])).toEqual([
      [2, 0],
      [4, 2]
    ])
    expect(problems).toEqual([
      {
        line: 3,
        row: 1,
        message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels`,
        excerpt: expect.any(String)
      }
    ])
  })

  describe('an object wrapping the rows', () => {
    const WRAPPED = `{
  "version": "1.1",
  "meta": {"splits": ["train", "test"], "note": "a [bracket] and a \\"quote\\""},
  "data": [
    {"q": "first"},
    {
      "q": "second"
    }
  ],
  "count": 2
}
`

    it('reads the rows of its array field, at their lines', async () => {
      for (const size of [1, 5, 1000]) {
        const { rows, problems } = await read(WRAPPED, size)
        expect(problems).toEqual([])
        expect(rows).toEqual([
          { line: 5, row: 0, values: { q: 'first' } },
          { line: 6, row: 1, values: { q: 'second' } }
        ])
      }
    })

    it('reads a minified wrapper', async () => {
      const { rows, problems } = await read('{"data":[{"a":1},{"a":2}],"x":null}')
      expect(problems).toEqual([])
      expect(rows.map((r) => r.values)).toEqual([{ a: 1 }, { a: 2 }])
    })

    it('reports a second array field instead of reading or ignoring it silently', async () => {
      const { rows, problems } = await read('{"train": [{"a": 1}],\n "test": [{"a": 2}]}')
      expect(rows.map((r) => r.values)).toEqual([{ a: 1 }])
      expect(problems).toEqual([
        {
          line: 2,
          message:
            'the top-level object has a second array field "test": only "train" is read as rows'
        }
      ])
    })

    it.each([
      ['a missing colon', '{"data" [{"a": 1}]}', "expected ':', found an array"],
      ['a missing comma', '{"v": 1 "data": []}', "expected ',' or '}', found a string"],
      ['a missing value', '{"v": , "data": []}', "expected a value, found ','"],
      ['a bare field name', '{data: []}', "expected a field name, found 'd'"]
    ])('reports %s in the wrapper once', async (_name, text, expected) => {
      const { events } = await read(text)
      expect(events).toEqual([
        {
          type: 'problem',
          problem: {
            line: 1,
            message: `the top-level object is malformed: ${expected}`
          }
        }
      ])
    })

    it.each([
      ['after the rows', '{"data": [{"a": 1}]', 1],
      ['inside a skipped field', '{"data": [{"a": 1}],\n"meta": {"b": [2', 1],
      ['inside a skipped string', '{"data": [], "note": "abc', 0],
      ['inside a field name', '{"data": [], "no', 0]
    ])('reports a wrapper that is never closed: cut %s', async (_name, text, count) => {
      const { rows, problems } = await read(text)
      expect(rows).toHaveLength(count)
      expect(problems).toEqual([
        { line: expect.any(Number), message: 'the file ends before the top-level object is closed' }
      ])
    })
  })

  it('reads a large file quickly', async () => {
    const element = (i: number) =>
      `  {\n    "id": ${i},\n    "text": "row ${i} with \\"quotes\\" and [brackets]",\n    "tags": ["a", "b"]\n  }`
    const count = 50_000
    const text = `[\n${Array.from({ length: count }, (_, i) => element(i)).join(',\n')}\n]\n`
    const started = Date.now()
    const { rows, problems } = await read(text)
    const elapsed = Date.now() - started
    expect(problems).toEqual([])
    expect(rows).toHaveLength(count)
    expect(rows[count - 1]).toMatchObject({ line: 2 + 5 * (count - 1), row: count - 1 })
    // About 5 MB; generous for a slow CI machine, yet far below a quadratic scan.
    expect(elapsed).toBeLessThan(5000)
  })
})
