import { renderText } from '../../src/report/text.js'
import { file, finding, hostileReport, report, row } from './sample-report.js'

describe('renderText', () => {
  it('prints the verdict, per-file counts, findings and rows', () => {
    const rows = Array.from({ length: 7 }, (_, index) =>
      row(index + 10, `text ${index}`, index === 0 ? { reason: 'token cf' } : {})
    )
    const text = renderText(report([file({ findings: [finding({ rows })] })]), { color: false })
    const lines = text.split('\n')
    expect(lines[0]).toBe(
      'Dataset Gate: FAIL  1 finding fails the policy in 1 of 1 changed dataset file.'
    )
    expect(text).toContain(
      'data/train.jsonl (modified, jsonl): base 1,000, head 1,040, +45 -5; 1 failure, 0 warnings, 0 notices'
    )
    expect(text).toContain('  FAIL   Invisible characters in added rows  unicode.invisible')
    expect(text).toContain('    line 10: text 0  (token cf)')
    expect(text).toContain('    line 14: text 4')
    expect(text).not.toContain('text 5')
    expect(text).toContain('    … and 2 more rows in the JSON report')
    expect(text).not.toContain('\u001b')
    expect(text.endsWith('\n')).toBe(true)
  })

  it('colours only when asked', () => {
    const text = renderText(report(), { color: true })
    expect(text).toContain('\u001b[31m\u001b[1mDataset Gate: FAIL\u001b[22m\u001b[39m')
  })

  it('lets no escape sequence or control character from the data through', () => {
    const text = renderText(hostileReport(), { color: true })
    // Only our own SGR colour codes may appear.
    const withoutOurCodes = text.replace(/\u001b\[(?:1|2|22|31|32|33|36|39)m/g, '')
    expect(withoutOurCodes).not.toMatch(
      /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/
    )
    expect(withoutOurCodes).toContain('⟨U+001B⟩[31mred')
    expect(withoutOurCodes).toContain('::set-output name=verdict::pass%0A::error::x⏎::warning::y')
  })

  it('names renamed files and Parquet rows', () => {
    const text = renderText(
      report([
        file({
          status: 'renamed',
          previousPath: 'old.parquet',
          path: 'new.parquet',
          format: 'parquet',
          findings: [finding({ rows: [{ row: 3, excerpt: 'x' }] })]
        })
      ]),
      { color: false }
    )
    expect(text).toContain('new.parquet (renamed from old.parquet, parquet)')
    expect(text).toContain('    row 3: x')
  })
})
