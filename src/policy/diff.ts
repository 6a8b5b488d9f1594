import { checks } from '../checks/index.js'
import type { Policy } from './schema.js'

const MAX_LISTED = 20
const MAX_VALUE_CHARS = 120
const SEVERITY_RANK: Record<string, number> = { off: 0, notice: 1, warn: 2, fail: 3 }

/**
 * The settings a proposed policy changes, as "key: old → new", the changes that loosen the gate
 * first. Both sides are compared with every check's defaults filled in: a policy that never named
 * a check still runs it, so `trigger.token: off` reads as `severity: fail → off`, not `(unset) → off`.
 */
export function describePolicyChange(current: Policy, proposed: Policy): string {
  const before = flatten(effective(current))
  const after = flatten(effective(proposed))
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort()
  const changes = keys
    .filter((key) => before.get(key) !== after.get(key))
    .map((key) => ({
      key,
      text: `${key}: ${before.get(key) ?? '(unset)'} → ${after.get(key) ?? '(unset)'}`,
      loosens: loosens(key, before.get(key), after.get(key))
    }))
  if (!changes.length) return 'The proposed policy has the same effective settings.'
  const loosening = changes.filter((c) => c.loosens).map((c) => c.text)
  const other = changes.filter((c) => !c.loosens).map((c) => c.text)
  const parts: string[] = []
  if (loosening.length) parts.push(`Changes that loosen the gate: ${list(loosening)}.`)
  if (other.length)
    parts.push(`${loosening.length ? 'Other changes' : 'Proposed changes'}: ${list(other)}.`)
  return parts.join(' ')
}

function list(items: string[]): string {
  const shown = items.slice(0, MAX_LISTED).join('; ')
  return items.length > MAX_LISTED ? `${shown} (and ${items.length - MAX_LISTED} more)` : shown
}

/** The policy as the run applies it: checks the file does not name appear with their defaults. */
function effective(policy: Policy): Record<string, unknown> {
  const settings = policy.checks as Record<string, unknown>
  const expanded = Object.fromEntries(
    checks.map((check) => [check.id, check.options.parse(settings[check.id] ?? {})])
  )
  return { ...policy, checks: expanded }
}

/**
 * Whether a change can let more through. Only directions known for sure are flagged; a numeric
 * threshold can loosen either way depending on the check, so it is listed among the other changes.
 */
function loosens(key: string, before: string | undefined, after: string | undefined): boolean {
  if (key === 'warn-only') return after === 'true'
  if (key === 'fail-on') return after === 'fail'
  if (key === 'provenance.required') return after === 'false'
  // Which files count as datasets: any change can take a file out of the gate's sight.
  if (key === 'datasets' || key === 'exclude' || key === 'provenance.manifest') return true
  if (key.endsWith('.severity')) {
    const rank = (value: string | undefined): number => SEVERITY_RANK[value ?? ''] ?? 0
    return rank(after) < rank(before)
  }
  return false
}

/** The proposed policy is written by the pull request: one value must not flood the note. */
function shorten(text: string): string {
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text
}

function flatten(
  value: unknown,
  prefix = '',
  out = new Map<string, string>()
): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value))
      flatten(inner, prefix ? `${prefix}.${key}` : key, out)
  } else if (value !== undefined) {
    out.set(prefix, shorten(typeof value === 'string' ? value : JSON.stringify(value)))
  }
  return out
}
