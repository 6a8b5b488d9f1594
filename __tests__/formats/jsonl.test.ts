import { jsonlRecords, parseJsonlRecord, readJsonl } from '../../src/formats/jsonl.js'
import { chunked, collect, failingAfter } from './streams.js'

const read = (data: Buffer | string, size?: number) => collect(readJsonl(chunked(data, size)))

describe('readJsonl', () => {
  it('reads objects with their line and row index', async () => {
    const { events } = await read('{"a": 1}\n{"a": 2, "b": [1, {"c": null}]}\n')
    expect(events).toEqual([
      { type: 'row', row: { line: 1, row: 0, values: { a: 1 }, text: '{"a": 1}' } },
      {
        type: 'row',
        row: {
          line: 2,
          row: 1,
          values: { a: 2, b: [1, { c: null }] },
          text: '{"a": 2, "b": [1, {"c": null}]}'
        }
      }
    ])
  })

  it('handles CRLF, a BOM, blank lines and a missing final newline', async () => {
    const { rows, problems } = await read('\ufeff{"a": 1}\r\n\r\n   \n{"a": 2}\r\n\n{"a": 3}')
    expect(problems).toEqual([])
    expect(rows.map((r) => [r.line, r.row, r.values.a])).toEqual([
      [1, 0, 1],
      [4, 1, 2],
      [6, 2, 3]
    ])
  })

  it('keeps reading after a malformed line and names it', async () => {
    const { rows, problems } = await read('{"a": 1}\n{"a": 2,\n\n{"a": 3}\n')
    expect(rows.map((r) => [r.line, r.row])).toEqual([
      [1, 0],
      [4, 2]
    ])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ line: 2, row: 1, excerpt: '{"a": 2,' })
    expect(problems[0].message).toMatch(/^invalid JSON: /)
  })

  it.each([
    ['[1, 2]', 'an array'],
    ['"text"', 'a string'],
    ['42', 'a number'],
    ['null', 'null'],
    ['true', 'a boolean']
  ])('reports %s as not an object', async (line, kind) => {
    const { rows, problems } = await read(`${line}\n{"ok": true}\n`)
    expect(problems).toEqual([
      { line: 1, row: 0, message: `expected a JSON object, found ${kind}`, excerpt: line }
    ])
    expect(rows).toEqual([{ line: 2, row: 1, values: { ok: true }, text: '{"ok": true}' }])
  })

  it('reports invalid UTF-8 and skips the row', async () => {
    const bad = Buffer.concat([
      Buffer.from('{"a": "ok"}\n{"a": "'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('"}\n{"a": "é"}\n')
    ])
    const { rows, problems } = await read(bad)
    expect(problems).toEqual([
      { line: 2, row: 1, message: 'invalid UTF-8', excerpt: '{"a": "\ufffd(\ufffd"}' }
    ])
    expect(rows.map((r) => r.values.a)).toEqual(['ok', 'é'])
  })

  it('reports NUL bytes outside strings as invalid JSON', async () => {
    const { rows, problems } = await read('{"a": 1}\0\n{"a": 2}\n')
    expect(problems[0]).toMatchObject({ line: 1, row: 0 })
    expect(problems[0].message).toMatch(/invalid JSON/)
    expect(rows).toHaveLength(1)
  })

  it('survives very deep nesting without crashing', async () => {
    const deep = `{"a": ${'['.repeat(100000)}${']'.repeat(100000)}}`
    const { rows, problems } = await read(`${deep}\n{"b": 1}\n`)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ line: 1, row: 0 })
    expect(problems[0].message).toMatch(/nested deeper/)
    expect(problems[0].excerpt).toHaveLength(200)
    expect(rows).toEqual([{ line: 2, row: 1, values: { b: 1 }, text: '{"b": 1}' }])
  })

  it('accepts moderate nesting and brackets inside strings', async () => {
    const nested = `{"a": ${'['.repeat(100)}${']'.repeat(100)}, "s": "${'['.repeat(2000)}\\"["}`
    const { rows, problems } = await read(nested)
    expect(problems).toEqual([])
    expect(rows).toHaveLength(1)
  })

  it('reassembles multi-byte characters split across 1-byte chunks', async () => {
    const text = '\ufeff{"t": "héllo 世界 🎉"}\r\n{"t": "ok"}'
    const { rows, problems } = await read(text, 1)
    expect(problems).toEqual([])
    expect(rows.map((r) => r.values.t)).toEqual(['héllo 世界 🎉', 'ok'])
  })

  it('treats a BOM after line 1 as malformed', async () => {
    const { problems } = await read('{"a": 1}\n\ufeff{"a": 2}\n')
    expect(problems[0]).toMatchObject({ line: 2, row: 1 })
  })

  it('reads a 30 MB single line', async () => {
    const big = 'x'.repeat(30 * 1024 * 1024)
    const { rows, problems } = await read(`{"big": "${big}"}`)
    expect(problems).toEqual([])
    expect(rows).toHaveLength(1)
    expect((rows[0].values.big as string).length).toBe(big.length)
  })

  it('keeps own properties named __proto__', async () => {
    const { rows } = await read('{"__proto__": {"polluted": true}}\n')
    expect(Object.keys(rows[0].values)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('reads an empty input as nothing', async () => {
    expect((await read('')).events).toEqual([])
    expect((await read('\n\r\n')).events).toEqual([])
  })

  it('propagates a failure of the byte source', async () => {
    const events = readJsonl(failingAfter('{"a": 1}\n', new Error('git died')))
    await expect(collect(events)).rejects.toThrow('git died')
  })

  it('does not hold a line longer than the limit: a problem with its length, the next line intact', async () => {
    const long = `{"a": "${'x'.repeat(5000)}"}`
    const other = `{"a": "${'y'.repeat(5000)}"}`
    const text = `{"a": 1}\n${long}\n{"a": 2}\n${other}`
    const records = []
    for await (const record of jsonlRecords(chunked(text, 300), 1000)) records.push(record)
    expect(records.map((r) => [r.line, r.row, r.overlong?.length])).toEqual([
      [1, 0, undefined],
      [2, 1, long.length],
      [3, 2, undefined],
      [4, 3, other.length]
    ])
    // Held: the beginning only; identified by all of it.
    expect(records[1].bytes.length).toBeLessThanOrEqual(1024)
    expect(records[1].overlong?.digest).not.toEqual(records[3].overlong?.digest)
    const events = records.map(parseJsonlRecord)
    expect(events[1]).toMatchObject({
      type: 'problem',
      problem: {
        line: 2,
        row: 1,
        message: `line of ${long.length.toLocaleString('en-US')} bytes, longer than the 1,000 bytes a line may have; not read`
      }
    })
    expect(events[2]).toMatchObject({ type: 'row', row: { line: 3, values: { a: 2 } } })
  })
})
