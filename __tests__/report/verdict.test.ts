import { computeVerdict } from '../../src/report/verdict.js'
import type { Severity } from '../../src/types.js'
import { file, finding } from './sample-report.js'

function filesWith(...severities: Severity[]) {
  return [
    file({ findings: severities.map((severity) => finding({ severity })) }),
    file({ findings: [] })
  ]
}

const strict = { warnOnly: false, failOn: 'fail' } as const

describe('computeVerdict', () => {
  it('passes without findings, or with notices only', () => {
    expect(computeVerdict([], strict)).toEqual({ verdict: 'pass', failures: 0, warnings: 0 })
    expect(computeVerdict(filesWith('notice', 'notice'), strict)).toEqual({
      verdict: 'pass',
      failures: 0,
      warnings: 0
    })
  })

  it('warns on warnings and fails on failures, counting each severity', () => {
    expect(computeVerdict(filesWith('warn', 'notice'), strict)).toEqual({
      verdict: 'warn',
      failures: 0,
      warnings: 1
    })
    expect(computeVerdict(filesWith('fail', 'warn', 'fail'), strict)).toEqual({
      verdict: 'fail',
      failures: 2,
      warnings: 1
    })
  })

  it('warn-only turns a fail into a warn but keeps the counts', () => {
    expect(computeVerdict(filesWith('fail'), { warnOnly: true, failOn: 'fail' })).toEqual({
      verdict: 'warn',
      failures: 1,
      warnings: 0
    })
  })

  it('fail-on warn makes warnings fail', () => {
    expect(computeVerdict(filesWith('warn'), { warnOnly: false, failOn: 'warn' }).verdict).toBe(
      'fail'
    )
    expect(computeVerdict(filesWith('notice'), { warnOnly: false, failOn: 'warn' }).verdict).toBe(
      'pass'
    )
  })

  it('warn-only wins over fail-on warn: an advisory gate never blocks', () => {
    expect(computeVerdict(filesWith('warn'), { warnOnly: true, failOn: 'warn' }).verdict).toBe(
      'warn'
    )
    expect(computeVerdict(filesWith('fail'), { warnOnly: true, failOn: 'warn' }).verdict).toBe(
      'warn'
    )
  })
})
