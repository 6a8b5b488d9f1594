import {
  confirmFormat,
  formatFromPath,
  jsonFlavor,
  sniffContent
} from '../../src/formats/detect.js'

describe('formatFromPath', () => {
  it.each([
    ['data/train.jsonl', { format: 'jsonl', gzip: false }],
    ['data/train.NDJSON', { format: 'jsonl', gzip: false }],
    ['a/b/c.csv', { format: 'csv', gzip: false }],
    ['x.tsv', { format: 'tsv', gzip: false }],
    ['x.json', { format: 'json', gzip: false }],
    ['x.parquet', { format: 'parquet', gzip: false }],
    ['x.jsonl.gz', { format: 'jsonl', gzip: true }],
    ['dir.v2/x.CSV.GZ', { format: 'csv', gzip: true }],
    ['x.tsv.gz', { format: 'tsv', gzip: true }],
    ['x.json.gz', { format: 'json', gzip: true }],
    ['.hidden.csv', { format: 'csv', gzip: false }]
  ])('%s', (path, expected) => {
    expect(formatFromPath(path)).toEqual(expected)
  })

  it.each([
    'README.md',
    'x.parquet.gz',
    'x.gz',
    '.csv',
    'csv',
    'data.csv/readme',
    'x.csv.zip',
    'jsonl.gz'
  ])('ignores %s', (path) => {
    expect(formatFromPath(path)).toBeNull()
  })
})

describe('sniffContent', () => {
  const pointer = Buffer.from(
    'version https://git-lfs.github.com/spec/v1\noid sha256:' + 'a'.repeat(64) + '\nsize 10\n'
  )

  it('recognises LFS pointers', () => {
    expect(sniffContent(pointer)).toBe('lfs-pointer')
  })

  it('calls ordinary data text', () => {
    expect(sniffContent(Buffer.from('{"text": "héllo 世界", "label": 1}\n'.repeat(100)))).toBe(
      'text'
    )
    expect(sniffContent(Buffer.from('a\tb\r\n1\t2\r\n'))).toBe('text')
    expect(sniffContent(Buffer.alloc(0))).toBe('text')
    // Latin-1 text: a few undecodable bytes, still text.
    expect(sniffContent(Buffer.from('name,city\nJosé,Bogotá\n'.repeat(30), 'latin1'))).toBe('text')
  })

  it('does not blame the cut for a character split at the end of the sample', () => {
    const text = Buffer.from('世'.repeat(400))
    expect(sniffContent(text.subarray(0, 1024))).toBe('text')
  })

  it('calls NUL bytes, Parquet, gzip and noise binary', () => {
    expect(sniffContent(Buffer.from('{"a": 1}\n\0{"b": 2}\n'))).toBe('binary')
    expect(sniffContent(Buffer.concat([Buffer.from('PAR1'), Buffer.from('text'.repeat(50))]))).toBe(
      'binary'
    )
    expect(sniffContent(Buffer.from([0x1f, 0x8b, 0x08, 0x00]))).toBe('binary')
    const noise = Buffer.alloc(1024)
    for (let i = 0; i < noise.length; i++) noise[i] = 0x80 + ((i * 37) % 127) + 1
    expect(sniffContent(noise)).toBe('binary')
    expect(sniffContent(Buffer.alloc(100, 0x01))).toBe('binary')
  })

  it('reads UTF-16 (which has NUL bytes) as binary', () => {
    expect(sniffContent(Buffer.from('\ufeffa,b\n', 'utf16le'))).toBe('binary')
  })
})

describe('confirmFormat', () => {
  const parquet = Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(20, 0x15)])
  const gz = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00])

  it.each([
    ['jsonl', '{"a": 1}\n{"a": 2}\n'],
    ['jsonl', '\ufeff  {"a": [1, 2]}\n'],
    ['jsonl', '{"a": 1, "text": "a long first line cut by the sniff'],
    ['json', '[\n  {"a": 1}\n]\n'],
    ['json', '\n{"data": []}'],
    ['csv', 'id,text\n1,"a\tb"\n'],
    ['csv', 'text\nhello\n'],
    ['tsv', 'id\ttext\n1\ta,b\n'],
    ['csv', ''],
    ['jsonl', '   \n']
  ] as const)('accepts %s that looks like it: %j', (format, text) => {
    expect(confirmFormat(format, Buffer.from(text))).toBeNull()
  })

  it.each([
    ['jsonl', '[\n  {"a": 1}\n]\n', /starts with '\[' like a JSON array/],
    ['jsonl', '\ufeff{\n  "a": 1\n}\n', /lone '\{' like pretty-printed JSON/],
    ['json', 'id,text\n', /starts with 'i', not '\[' or '\{'/],
    ['csv', '{"id": 1, "text": "x"}\n', /first line is JSON, not a CSV header/],
    ['tsv', '[1, 2]\n', /first line is JSON, not a TSV header/],
    [
      'csv',
      'id\ttext\tlabel\n1\thi\t0\n',
      /tab-separated, not comma-separated: name the file .tsv/
    ],
    ['tsv', 'id,text,label\n1,hi,0\n', /comma-separated, not tab-separated: name the file .csv/]
  ] as const)('flags %s that does not look like it: %j', (format, text, message) => {
    expect(confirmFormat(format, Buffer.from(text))).toMatch(message)
  })

  it('tells Parquet magic apart from text, both ways', () => {
    for (const format of ['jsonl', 'csv', 'tsv', 'json'] as const) {
      expect(confirmFormat(format, parquet)).toMatch(/is Parquet \(it starts with PAR1\)/)
    }
    expect(confirmFormat('parquet', parquet)).toBeNull()
    expect(confirmFormat('parquet', Buffer.from('id,text\n'))).toBe(
      'the file does not start with the Parquet magic bytes PAR1'
    )
    expect(confirmFormat('parquet', Buffer.alloc(0))).toMatch(/PAR1 \(the file is empty\)/)
    expect(confirmFormat('parquet', gz)).toMatch(/PAR1 \(it is gzip data\)/)
  })

  it('checks gzip magic against the .gz name, and only that', () => {
    expect(confirmFormat({ format: 'jsonl', gzip: true }, gz)).toBeNull()
    expect(confirmFormat({ format: 'csv', gzip: true }, Buffer.from('a,b\n'))).toMatch(
      /ends in .gz, but the file is not gzip-compressed/
    )
    expect(confirmFormat({ format: 'csv', gzip: false }, gz)).toMatch(/is gzip-compressed/)
    expect(confirmFormat('json', gz)).toMatch(/is gzip-compressed/)
  })
})

describe('jsonFlavor', () => {
  it.each([
    ['[{"a": 1}]', false, 'array'],
    ['  \n [', false, 'array'],
    ['"text"', false, 'array'],
    ['{\n  "data": [', false, 'array'],
    ['{"a": 1}\n{"a": 2}', false, 'lines'],
    ['\ufeff{"a": 1}\r\n\r\n  {"a": 2}', false, 'lines'],
    ['{"a": 1}\n[1]', false, 'array'],
    ['{"a": 1}\n', false, null],
    ['{"a": 1}\n', true, 'array'],
    ['{"a": 1', false, null],
    ['{"a": 1', true, 'array'],
    ['', false, null],
    ['', true, 'array']
  ] as const)('%j (complete: %s) is %s', (text, complete, expected) => {
    expect(jsonFlavor(Buffer.from(text), complete)).toBe(expected)
  })
})
