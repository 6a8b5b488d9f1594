import type { Analysis } from '../analysis/types.js'
import type { Finding } from '../types.js'
import { contaminationEval, isolationUnverified } from './contamination.js'
import { contentInjection } from './content-injection.js'
import { driftCategorical, driftNumeric } from './drift.js'
import { duplicatesExact } from './duplicates-exact.js'
import { duplicatesNear } from './duplicates-near.js'
import { injectionPrompt, piiLeak, secretsLeak } from './leaks.js'
import { unicodeHomoglyph, unicodeInvisible } from './unicode.js'
import { labelConflict, labelFlip, labelShift } from './labels.js'
import { newDomains } from './new-domains.js'
import { outlierText } from './outlier.js'
import { parseErrors } from './parse-errors.js'
import { schemaDiff } from './schema.js'
import { triggerRareToken } from './trigger-rare-token.js'
import { triggerToken } from './trigger-token.js'
import type { Check, RepositoryContext, SeveritySetting } from './types.js'
import { volume } from './volume.js'

/** Every check, in the order findings are reported. Adding a check = one file + one line here. */
export const checks: Check[] = [
  parseErrors,
  schemaDiff,
  volume,
  driftNumeric,
  driftCategorical,
  triggerToken,
  triggerRareToken,
  unicodeInvisible,
  unicodeHomoglyph,
  contentInjection,
  newDomains,
  secretsLeak,
  piiLeak,
  injectionPrompt,
  labelFlip,
  labelConflict,
  labelShift,
  duplicatesExact,
  duplicatesNear,
  outlierText,
  contaminationEval,
  isolationUnverified
]

/** Runs every enabled check with its options from the policy (already validated and defaulted). */
export function runChecks(
  analysis: Analysis,
  settings: Record<string, unknown>,
  repository: RepositoryContext
): Finding[] {
  const findings: Finding[] = []
  for (const check of checks) {
    const options = check.options.parse(settings[check.id] ?? {}) as { severity: SeveritySetting }
    if (options.severity === 'off') continue
    for (const finding of check.run(analysis, options as never, repository)) {
      findings.push({ ...finding, explanation: finding.explanation ?? check.explanation })
    }
  }
  return findings
}
