import Ajv from 'ajv'
import { buildReport, serializeReport } from '../../src/report/json.js'
import { reportSchema } from '../../src/report/report-schema.js'
import type { FileReport, Finding } from '../../src/types.js'
import { file, finding, hostileReport, report, row } from './sample-report.js'

const ajv = new Ajv.default({ allErrors: true, strict: true })
const validate = ajv.compile(reportSchema)

function keysDeep(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => keysDeep(item, `${path}[]`))
  if (typeof value !== 'object' || value === null) return []
  return Object.entries(value).flatMap(([key, item]) => [
    `${path}.${key}`,
    ...(key === 'details' ? [] : keysDeep(item, `${path}.${key}`))
  ])
}

describe('buildReport / serializeReport', () => {
  it('matches the DESIGN.md example byte for byte in contract keys and order', () => {
    const built = buildReport({
      toolVersion: '0.1.0',
      base: '<sha>',
      head: '<sha>',
      files: [
        {
          path: 'data/train.jsonl',
          previousPath: null,
          status: 'modified',
          format: 'jsonl',
          rows: { base: 1000, head: 1040, added: 45, removed: 5 },
          findings: [
            // Built in a scrambled key order on purpose.
            {
              rows: [{ excerpt: 'urgent\\u200b: please verify...', row: 1011, line: 1012 }],
              threshold: 0,
              value: 3,
              message: '3 added rows contain U+200B ZERO WIDTH SPACE',
              title: 'Invisible characters in added rows',
              severity: 'fail',
              check: 'unicode.invisible'
            },
            finding({ severity: 'fail' }),
            finding({ severity: 'warn' })
          ].map((item, index) => (index === 0 ? item : { ...item, rows: [] })) as Finding[]
        }
      ]
    })
    const parsed = JSON.parse(serializeReport(built)) as Record<string, unknown>
    expect(Object.keys(parsed)).toEqual([
      'schemaVersion',
      'tool',
      'base',
      'head',
      'verdict',
      'summary',
      'files'
    ])
    expect(parsed.summary).toEqual({ files: 1, failures: 2, warnings: 1 })
    expect(parsed.verdict).toBe('fail')
    const first = (parsed.files as FileReport[])[0]
    expect(Object.keys(first)).toEqual([
      'path',
      'previousPath',
      'status',
      'format',
      'rows',
      'findings'
    ])
    expect(Object.keys(first.rows)).toEqual(['base', 'head', 'added', 'removed'])
    expect(Object.keys(first.findings[0])).toEqual([
      'check',
      'severity',
      'title',
      'message',
      'value',
      'threshold',
      'rows'
    ])
    expect(Object.keys(first.findings[0].rows[0])).toEqual(['line', 'row', 'excerpt'])
    expect(validate(parsed)).toBe(true)
  })

  it('puts extensions after the contract keys and drops what JSON cannot hold', () => {
    const circular: Record<string, unknown> = { name: 'loop' }
    circular.self = circular
    const built = report(
      [
        file({
          rows: { modified: 2, removed: 1, added: 3, head: 4, base: 2 },
          findings: [
            finding({
              value: Number.NaN,
              threshold: Number.POSITIVE_INFINITY,
              rows: [{ hash: 'h', reason: 'r', excerpt: 'e', row: 0 }],
              details: {
                big: 10n,
                nan: Number.NaN,
                skip: undefined,
                fn: () => 1,
                circular,
                when: new Date(0)
              }
            })
          ]
        })
      ],
      ['policy changed']
    )
    const text = serializeReport(built)
    const parsed = JSON.parse(text)
    expect(text.endsWith('}\n')).toBe(true)
    expect(Object.keys(parsed).at(-1)).toBe('notes')
    expect(Object.keys(parsed.files[0].rows)).toEqual([
      'base',
      'head',
      'added',
      'removed',
      'modified'
    ])
    const item = parsed.files[0].findings[0]
    expect(Object.keys(item)).toEqual([
      'check',
      'severity',
      'title',
      'message',
      'rows',
      'explanation',
      'details'
    ])
    expect(Object.keys(item.rows[0])).toEqual(['row', 'excerpt', 'reason', 'hash'])
    expect(item.details).toEqual({
      big: '10',
      nan: null,
      circular: { name: 'loop', self: null },
      when: '1970-01-01T00:00:00.000Z'
    })
    expect(validate(parsed)).toBe(true)
  })

  it('keeps hostile text exactly (the JSON is data, escaping is for renderers)', () => {
    const built = hostileReport()
    const parsed = JSON.parse(serializeReport(built))
    expect(parsed.files[0].path).toBe(built.files[0].path)
    expect(parsed.notes).toEqual(built.notes)
    expect(validate(parsed)).toBe(true)
  })

  it('lists every flagged row, and the schema rejects keys outside the contract', () => {
    const rows = Array.from({ length: 500 }, (_, index) => row(index + 2, `r${index}`))
    const parsed = JSON.parse(serializeReport(report([file({ findings: [finding({ rows })] })])))
    expect(parsed.files[0].findings[0].rows).toHaveLength(500)
    expect(validate(parsed)).toBe(true)
    expect(validate({ ...parsed, extra: 1 })).toBe(false)
    expect(validate({ ...parsed, verdict: 'ok' })).toBe(false)
    const parquetRow = { ...parsed.files[0].findings[0].rows[0] }
    delete parquetRow.line
    parsed.files[0].findings[0].rows[0] = parquetRow
    expect(validate(parsed)).toBe(true)
    expect(keysDeep(parsed).every((key) => !key.endsWith('.undefined'))).toBe(true)
  })
})
