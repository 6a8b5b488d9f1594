/**
 * The pass/warn/fail verdict from the findings' severities and two policy switches. Counts always
 * reflect the findings as the checks reported them; only the verdict is adjusted, so a warn-only
 * run still tells how many findings would have failed.
 */
import type { FileReport, Verdict } from '../types.js'

export interface VerdictOptions {
  /** Never fail: a verdict that would be `fail` becomes `warn` (trial runs, advisory gates). */
  warnOnly: boolean
  /** The lowest verdict that fails: `warn` makes warnings block the merge too. */
  failOn: 'fail' | 'warn'
}

export interface VerdictResult {
  verdict: Verdict
  /** Findings with severity `fail`. */
  failures: number
  /** Findings with severity `warn`. */
  warnings: number
}

export function computeVerdict(files: FileReport[], options: VerdictOptions): VerdictResult {
  let failures = 0
  let warnings = 0
  for (const file of files) {
    for (const finding of file.findings) {
      if (finding.severity === 'fail') failures += 1
      else if (finding.severity === 'warn') warnings += 1
    }
  }
  let verdict: Verdict = failures > 0 ? 'fail' : warnings > 0 ? 'warn' : 'pass'
  if (verdict === 'warn' && options.failOn === 'warn') verdict = 'fail'
  if (verdict === 'fail' && options.warnOnly) verdict = 'warn'
  return { verdict, failures, warnings }
}
