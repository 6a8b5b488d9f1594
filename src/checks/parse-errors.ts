import { z } from 'zod'
import { redactSensitive } from '../scan/redact.js'
import { escapeInvisible } from './excerpt.js'
import { defineCheck, severitySetting } from './types.js'

export const parseErrors = defineCheck({
  id: 'parse.error',
  title: 'Rows that cannot be read',
  explanation:
    'These lines of the head file are not valid rows (bad JSON, wrong number of CSV fields, invalid ' +
    'UTF-8...). A training pipeline will skip them or crash, and nothing in them was analysed. Problems ' +
    'already present in the base are listed as notices only.',
  options: {
    severity: severitySetting.default('fail'),
    'max-listed': z.number().int().positive().default(1000)
  },
  run(analysis, options) {
    const known = new Set(analysis.base.problems.map((p) => `${p.message}\u0000${p.excerpt ?? ''}`))
    const fresh = analysis.head.problems.filter(
      (p) => !known.has(`${p.message}\u0000${p.excerpt ?? ''}`)
    )
    const old = analysis.head.problems.length - fresh.length
    const findings = []
    if (fresh.length) {
      findings.push({
        check: 'parse.error',
        severity: options.severity,
        title: 'Rows that cannot be read',
        message: `${fresh.length} ${fresh.length === 1 ? 'line' : 'lines'} of the head file could not be read as rows (first: ${fresh[0].message}${fresh[0].line ? ` at line ${fresh[0].line}` : ''})`,
        value: fresh.length,
        threshold: 0,
        rows: fresh.slice(0, options['max-listed']).map((p) => ({
          ...(p.line !== undefined ? { line: p.line } : {}),
          row: p.row ?? -1,
          excerpt: escapeInvisible(redactSensitive(p.excerpt ?? '').slice(0, 200)),
          reason: p.message
        }))
      })
    }
    if (old) {
      findings.push({
        check: 'parse.error',
        severity: 'notice' as const,
        title: 'Unreadable rows already in the base',
        message: `${old} unreadable ${old === 1 ? 'line was' : 'lines were'} already present in the base version`,
        value: old,
        rows: []
      })
    }
    return findings
  }
})
