import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { UserError } from '../../src/errors.js'
import { parseReport, readReportFile } from '../../src/github/report-file.js'
import { serializeReport } from '../../src/report/json.js'
import { invisible, nearDuplicates, report } from './report-fixture.js'

describe('readReportFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dataset-gate-report-'))

  it('reads back what the analysing run wrote', async () => {
    const original = report([invisible, nearDuplicates], { notes: ['policy changed'] })
    const path = join(dir, 'report.json')
    writeFileSync(path, serializeReport(original))
    expect(await readReportFile(path)).toEqual(JSON.parse(serializeReport(original)))
  })

  it('says what is wrong with a missing, non-JSON or foreign file', async () => {
    await expect(readReportFile(join(dir, 'missing.json'))).rejects.toThrow(UserError)
    expect(() => parseReport('{', 'r.json')).toThrow(/r\.json is not JSON/)
    expect(() => parseReport('{"schemaVersion":2}', 'r.json')).toThrow(/not a Dataset Gate report/)
    const extra = { ...JSON.parse(serializeReport(report([invisible]))), injected: '<script>' }
    expect(() => parseReport(JSON.stringify(extra), 'r.json')).toThrow(UserError)
    const badLine = JSON.parse(serializeReport(report([invisible])))
    badLine.files[0].findings[0].rows[0].line = 0
    expect(() => parseReport(JSON.stringify(badLine), 'r.json')).toThrow(
      /files\.0\.findings\.0\.rows\.0\.line/
    )
  })
})
