import Ajv from 'ajv'
import { pathToUri, renderSarif, sarifText } from '../../src/report/sarif.js'
import { sarifSchema } from './sarif-2.1.0.schema.js'
import { file, finding, hostileReport, report, row } from './sample-report.js'

// The SARIF schema requires keys inside anyOf branches, which strict mode would reject.
const ajv = new Ajv.default({ allErrors: true, strict: true, strictRequired: false })
ajv.addFormat('uri', (value: string) => {
  try {
    return new URL(value).protocol !== ''
  } catch {
    return false
  }
})
// RFC 3986 URI reference: no spaces, controls or raw non-ASCII; `%` only as a valid escape.
ajv.addFormat('uri-reference', (value: string) =>
  /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/.test(value)
)
const validate = ajv.compile(sarifSchema)

const options = { toolVersion: '0.1.0', informationUri: 'https://github.com/example/dataset-gate' }

function expectValid(log: unknown): void {
  const valid = validate(log)
  expect(validate.errors ?? []).toEqual([])
  expect(valid).toBe(true)
}

describe('renderSarif', () => {
  it('emits one rule per check and one result per flagged row', () => {
    const sample = report([
      file({
        findings: [
          finding({
            rows: [row(12, 'a', { hash: 'h1' }), row(40, 'b', { reason: 'token [cf]' })]
          }),
          finding({ severity: 'warn', rows: [row(50, 'c')] }),
          finding({ check: 'drift.numeric', severity: 'notice', rows: [], explanation: undefined })
        ]
      })
    ])
    const log = renderSarif(sample, options)
    expectValid(log)
    const run = log.runs[0]
    expect(run.tool.driver).toMatchObject({ name: 'dataset-gate', version: '0.1.0' })
    expect(run.tool.driver.rules.map((rule) => rule.id)).toEqual([
      'unicode.invisible',
      'drift.numeric'
    ])
    expect(run.tool.driver.rules[0]).toMatchObject({
      name: 'UnicodeInvisible',
      fullDescription: { text: 'Invisible characters can hide a trigger from reviewers.' },
      help: { text: 'Invisible characters can hide a trigger from reviewers.' },
      defaultConfiguration: { level: 'error' }
    })
    expect(run.results).toHaveLength(4)
    expect(run.results.map((result) => result.level)).toEqual(['error', 'error', 'warning', 'note'])
    expect(run.results[0]).toMatchObject({
      ruleId: 'unicode.invisible',
      ruleIndex: 0,
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'data/train.jsonl', uriBaseId: '%SRCROOT%' },
            region: { startLine: 12 }
          }
        }
      ],
      partialFingerprints: { 'datasetGateRowHash/v1': 'unicode.invisible:h1' }
    })
    expect(run.results[1].partialFingerprints).toBeUndefined()
    expect(run.results[1].message.text).toContain('Reason: token \\[cf\\].')
    expect(run.results[3].locations[0].physicalLocation.region).toBeUndefined()
    expect(run.results[3].ruleIndex).toBe(1)
  })

  it('puts Parquet rows on the file and names the row in the message', () => {
    const log = renderSarif(
      report([
        file({
          path: 'data/x.parquet',
          format: 'parquet',
          findings: [finding({ rows: [{ row: 7, excerpt: 'e' }] })]
        })
      ]),
      options
    )
    expectValid(log)
    const result = log.runs[0].results[0]
    expect(result.locations[0].physicalLocation.region).toBeUndefined()
    expect(result.message.text).toContain('(row 7)')
  })

  it('stays valid and inert with hostile text and paths', () => {
    const log = renderSarif(hostileReport(), options)
    expectValid(log)
    for (const result of log.runs[0].results) {
      expect(result.message.text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/)
      expect(result.message.text).not.toMatch(/(^|[^\\])\[/)
    }
  })

  it('caps the number of results and says so', () => {
    const rows = Array.from({ length: 30 }, (_, index) => row(index + 1, 'x'))
    const log = renderSarif(report([file({ findings: [finding({ rows })] })]), {
      ...options,
      maxResults: 10
    })
    expectValid(log)
    expect(log.runs[0].results).toHaveLength(10)
    expect(log.runs[0].properties).toEqual({ truncated: true, omittedResults: 20 })
  })
})

describe('the SARIF schema subset', () => {
  it('rejects what GitHub code scanning would reject', () => {
    const log = renderSarif(report(), options)
    const result = log.runs[0].results[0]
    const broken = (change: (copy: typeof log) => void): boolean => {
      const copy = JSON.parse(JSON.stringify(log)) as typeof log
      change(copy)
      return validate(copy)
    }
    expect(broken(() => undefined)).toBe(true)
    expect(broken((copy) => Object.assign(copy.runs[0].results[0], { level: 'fatal' }))).toBe(false)
    expect(
      broken((copy) =>
        Object.assign(copy.runs[0].results[0].locations[0].physicalLocation, {
          region: { startLine: 0 }
        })
      )
    ).toBe(false)
    expect(
      broken((copy) => Object.assign(copy.runs[0].results[0], { mesage: result.message }))
    ).toBe(false)
    expect(
      broken((copy) =>
        Object.assign(copy.runs[0].results[0].locations[0].physicalLocation.artifactLocation, {
          uri: 'a b'
        })
      )
    ).toBe(false)
    expect(broken((copy) => Object.assign(copy, { version: '2.0.0' }))).toBe(false)
  })
})

describe('sarifText / pathToUri', () => {
  it('escapes brackets that would form embedded links', () => {
    expect(sarifText('[x](1) \\[y\\]')).toBe('\\[x\\](1) \\\\\\[y\\\\\\]')
  })

  it('percent-encodes each path segment', () => {
    expect(pathToUri('data/my file#1%.jsonl')).toBe('data/my%20file%231%25.jsonl')
    expect(pathToUri('données/ü.csv')).toBe('donn%C3%A9es/%C3%BC.csv')
  })
})
