import { emitAnnotations } from '../../src/github/annotations.js'
import {
  annotationCommand,
  findingAnnotations,
  renderAnnotations
} from '../../src/report/annotations.js'
import { finding, invisible, nearDuplicates, report } from './report-fixture.js'

/** Decodes a workflow command the way the runner does. */
function parseCommand(line: string): {
  level: string
  properties: Record<string, string>
  message: string
} {
  const match = /^::(\w+)(?: ([^:]*))?::(.*)$/s.exec(line)
  if (match === null) throw new Error(`not a workflow command: ${line}`)
  const unescape = (text: string): string =>
    text
      .replace(/%3A/g, ':')
      .replace(/%2C/g, ',')
      .replace(/%0D/g, '\r')
      .replace(/%0A/g, '\n')
      .replace(/%25/g, '%')
  const properties: Record<string, string> = {}
  for (const pair of (match[2] ?? '').split(',').filter((item) => item !== '')) {
    const index = pair.indexOf('=')
    properties[pair.slice(0, index)] = unescape(pair.slice(index + 1))
  }
  return { level: match[1], properties, message: unescape(match[3]) }
}

describe('findingAnnotations', () => {
  it('annotates each flagged row at its line, most severe first', () => {
    const annotations = findingAnnotations(report([nearDuplicates, invisible]))
    expect(annotations.map((item) => [item.level, item.line])).toEqual([
      ['error', 601],
      ['error', 605],
      ['error', 612],
      ['error', 630],
      ['warning', 620],
      ['warning', 621]
    ])
    expect(annotations[0]).toMatchObject({
      file: 'data/train.jsonl',
      title: 'Dataset Gate: Invisible characters in added rows'
    })
    // The invisible character is shown, not hidden again in the annotation.
    expect(annotations[0].message).toContain('⟨U+200B⟩')
  })

  it('annotates the file once for findings without lines', () => {
    const parquet = finding({
      check: 'labels.flip',
      severity: 'warn',
      rows: [{ row: 3, excerpt: 'x' }]
    })
    const none = finding({ check: 'volume.added', severity: 'notice' })
    const annotations = findingAnnotations(report([parquet, none]))
    expect(annotations.map((item) => [item.level, item.line])).toEqual([
      ['warning', undefined],
      ['notice', undefined]
    ])
  })
})

describe('annotationCommand', () => {
  it('escapes every untrusted part so it cannot break out of the command', () => {
    const line = annotationCommand({
      level: 'error',
      file: 'data/a,b:c%.jsonl',
      line: 3,
      title: 'T: x, y',
      message: 'first\nline\r::error::forged 100%'
    })
    expect(line.split('\n')).toHaveLength(1)
    expect(line.split('\r')).toHaveLength(1)
    expect(parseCommand(line)).toEqual({
      level: 'error',
      properties: { file: 'data/a,b:c%.jsonl', line: '3', title: 'T: x, y' },
      message: 'first\nline\r::error::forged 100%'
    })
  })
})

describe('renderAnnotations', () => {
  it('caps each level below GitHub’s 10 per step and counts the rest in one notice', () => {
    const many = finding({
      check: 'trigger.token',
      severity: 'fail',
      rows: Array.from({ length: 25 }, (_, index) => ({
        line: index + 2,
        row: index + 1,
        excerpt: `r${index}`
      }))
    })
    const warns = finding({
      check: 'duplicates.near',
      severity: 'warn',
      rows: Array.from({ length: 12 }, (_, index) => ({
        line: index + 40,
        row: index,
        excerpt: `w${index}`
      }))
    })
    const lines = renderAnnotations(report([warns, many]))
    const parsed = lines.map(parseCommand)
    expect(parsed.filter((item) => item.level === 'error')).toHaveLength(9)
    expect(parsed.filter((item) => item.level === 'warning')).toHaveLength(8)
    const notices = parsed.filter((item) => item.level === 'notice')
    expect(notices).toHaveLength(1)
    expect(notices[0].message).toMatch(/^20 more annotations not shown \(16 errors, 4 warnings\)/)
    expect(parsed[0].properties.line).toBe('2')
  })

  it('adds no summary when everything fits', () => {
    expect(renderAnnotations(report([invisible]))).toHaveLength(4)
    expect(renderAnnotations(report([]))).toEqual([])
  })

  it('is printed one command per line', () => {
    const written: string[] = []
    expect(emitAnnotations(report([invisible]), (text) => written.push(text))).toBe(4)
    expect(
      written.every(
        (text) =>
          /^::error file=data\/train\.jsonl,line=\d+,title=/.test(text) && text.endsWith('\n')
      )
    ).toBe(true)
  })
})
