import type { Policy } from './schema.js'

/** The settings a proposed policy changes, as "key: old → new", loosening changes first. */
export function describePolicyChange(current: Policy, proposed: Policy): string {
  const before = flatten(current)
  const after = flatten(proposed)
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort()
  const changes = keys
    .filter((k) => before.get(k) !== after.get(k))
    .map((k) => `${k}: ${before.get(k) ?? '(unset)'} → ${after.get(k) ?? '(unset)'}`)
  if (!changes.length) return 'The proposed policy has the same effective settings.'
  return `Proposed changes: ${changes.slice(0, 20).join('; ')}${changes.length > 20 ? ` (and ${changes.length - 20} more)` : ''}.`
}

function flatten(
  value: unknown,
  prefix = '',
  out = new Map<string, string>()
): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value))
      flatten(inner, prefix ? `${prefix}.${key}` : key, out)
  } else {
    out.set(prefix, JSON.stringify(value))
  }
  return out
}
