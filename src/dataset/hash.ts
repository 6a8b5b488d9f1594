import { createHash } from 'node:crypto'
import type { JsonValue, RowValues } from '../types.js'

/**
 * JSON with object keys sorted at every depth, so two rows that differ only in key order are the
 * same row. Numbers keep JSON's own spelling (1 and 1.0 parse to the same value).
 */
export function canonicalJson(value: JsonValue | undefined): string {
  if (value === undefined) return 'null'
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']'
  const keys = Object.keys(value).sort()
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson(value[k])).join(',') + '}'
}

/**
 * 96 bits of SHA-256: short enough to keep millions in memory, long enough that an attacker cannot
 * make a poisoned row collide with a base row.
 */
export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 16)
}

export function rowHash(values: RowValues): string {
  return hashText(canonicalJson(values))
}

/** Text compared for "same text" questions (label flips, duplicates): case and spacing ignored. */
export function normalizeForMatch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim()
}
