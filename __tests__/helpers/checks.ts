import type { Analysis } from '../../src/analysis/types.js'
import type { Check, RepositoryContext } from '../../src/checks/types.js'
import type { Finding } from '../../src/types.js'
import { NO_REPOSITORY } from './analysis.js'

/** Runs one check with its defaults (plus `options`), as the registry would. */
export function runCheck(
  check: Check,
  analysis: Analysis,
  options: Record<string, unknown> = {},
  repository: RepositoryContext = NO_REPOSITORY
): Finding[] {
  return check.run(analysis, check.options.parse(options) as never, repository)
}

export function linesOf(findings: Finding[]): number[] {
  return findings.flatMap((f) => f.rows.map((r) => r.line!))
}
