import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { JOB_SUMMARY_LIMIT_BYTES, writeJobSummary } from '../../src/github/summary.js'

describe('writeJobSummary', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'dataset-gate-summary-')), 'summary.md')
  const saved = process.env.GITHUB_STEP_SUMMARY

  beforeEach(() => {
    writeFileSync(file, '')
    process.env.GITHUB_STEP_SUMMARY = file
  })

  afterAll(() => {
    if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY
    else process.env.GITHUB_STEP_SUMMARY = saved
  })

  it('writes the Markdown to the step summary', async () => {
    await expect(writeJobSummary('## Dataset Gate: PASS')).resolves.toBe('written')
    expect(readFileSync(file, 'utf8')).toBe('## Dataset Gate: PASS\n')
  })

  it('writes a short version when the report is over 1 MiB', async () => {
    const huge = '😀'.repeat(JOB_SUMMARY_LIMIT_BYTES / 4 + 1)
    await expect(writeJobSummary(huge)).resolves.toBe('shortened')
    expect(readFileSync(file, 'utf8')).toContain("over GitHub's 1 MiB job summary limit")
    writeFileSync(file, '')
    await expect(writeJobSummary(huge, { fallback: 'short' })).resolves.toBe('shortened')
    expect(readFileSync(file, 'utf8')).toBe('short\n')
  })

  it('counts what the step already wrote', async () => {
    writeFileSync(file, 'x'.repeat(JOB_SUMMARY_LIMIT_BYTES - 10))
    await expect(writeJobSummary('y'.repeat(20), { fallback: 'tiny' })).resolves.toBe('shortened')
    await expect(writeJobSummary('z'.repeat(20), { fallback: 'w'.repeat(20) })).resolves.toBe(
      'unavailable'
    )
  })

  it('does nothing outside GitHub Actions', async () => {
    delete process.env.GITHUB_STEP_SUMMARY
    await expect(writeJobSummary('x')).resolves.toBe('unavailable')
  })
})
