import { formatFromPath, sniffContent } from '../../src/formats/detect.js'

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
