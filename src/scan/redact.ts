/**
 * Masks for report excerpts. Reports are public PR comments, so a detected credential or personal
 * datum must never reach them whole; the mask keeps just enough (a token prefix, an email's domain,
 * a card's last four) for a reviewer to recognise what was there.
 */

import { scanPii } from './pii.js'
import { scanSecrets } from './secrets.js'

export interface RedactionSpan {
  start: number
  end: number
  kind: string
}

// Kinds whose first characters are a public, fixed prefix (AKIA, ghp_, xoxb, AIza, sk-a, eyJh...).
// Showing it identifies the credential type without revealing key material.
const PUBLIC_PREFIX_KINDS = new Set([
  'aws-access-key',
  'github-token',
  'gitlab-token',
  'slack-token',
  'slack-webhook',
  'google-api-key',
  'stripe-key',
  'openai-key',
  'anthropic-key',
  'twilio-api-key',
  'twilio-account-sid',
  'sendgrid-key',
  'npm-token',
  'huggingface-token',
  'jwt'
])
const PREFIX_LENGTH = 4
// Below this length even four characters are too large a share of the secret.
const MIN_LENGTH_FOR_PREFIX = 16

function maskSecret(value: string, kind: string): string {
  const showPrefix = PUBLIC_PREFIX_KINDS.has(kind) && value.length >= MIN_LENGTH_FOR_PREFIX
  const label = `[redacted ${kind}]`
  return showPrefix ? `${value.slice(0, PREFIX_LENGTH)}…${label}` : label
}

function maskEmail(value: string): string {
  const at = value.lastIndexOf('@')
  if (at <= 0) return '[redacted email]'
  return `${value[0]}***${value.slice(at)}`
}

/** Every digit but the last `keep` becomes '*'; separators stay so the shape is recognisable. */
function maskDigits(value: string, keep: number): string {
  let seen = 0
  let total = 0
  for (const char of value) if (char >= '0' && char <= '9') total++
  let out = ''
  for (const char of value) {
    if (char >= '0' && char <= '9') {
      seen++
      out += seen > total - keep ? char : '*'
    } else {
      out += char
    }
  }
  return out
}

function maskIban(value: string): string {
  const compactLength = value.replace(/ /g, '').length
  let seen = 0
  let out = ''
  for (const char of value) {
    if (char === ' ') {
      out += char
      continue
    }
    seen++
    out += seen <= 2 || seen > compactLength - 4 ? char : '*'
  }
  return out
}

function mask(value: string, kind: string): string {
  switch (kind) {
    case 'email':
      return maskEmail(value)
    case 'credit-card':
      return maskDigits(value, 4)
    case 'phone':
      return maskDigits(value, 2)
    case 'us-ssn':
      return maskDigits(value, 0)
    case 'iban':
      return maskIban(value)
    case 'ip-address':
      return '[redacted ip-address]'
    default:
      return maskSecret(value, kind)
  }
}

interface Group {
  start: number
  end: number
  kinds: string[]
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/** Sorted, clamped, merged spans; a span never splits a surrogate pair. */
function mergeSpans(text: string, spans: readonly RedactionSpan[]): Group[] {
  const clean = spans
    .map((s) => {
      let start = Math.max(0, Math.floor(s.start))
      let end = Math.min(text.length, Math.ceil(s.end))
      if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start--
      if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end++
      return { start, end, kind: s.kind }
    })
    .filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end) && s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end)

  const groups: Group[] = []
  for (const span of clean) {
    const last = groups[groups.length - 1]
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end)
      if (!last.kinds.includes(span.kind)) last.kinds.push(span.kind)
    } else {
      groups.push({ start: span.start, end: span.end, kinds: [span.kind] })
    }
  }
  return groups
}

/**
 * `text` with each span replaced by its mask. Overlapping spans are merged; a merged span of
 * several kinds gets a label-only mask (`[redacted jwt+generic-secret]`) that reveals nothing.
 */
export function redact(text: string, spans: readonly RedactionSpan[]): string {
  const groups = mergeSpans(text, spans)
  if (groups.length === 0) return text
  let out = ''
  let last = 0
  for (const group of groups) {
    const value = text.slice(group.start, group.end)
    const replacement =
      group.kinds.length === 1 ? mask(value, group.kinds[0]) : `[redacted ${group.kinds.join('+')}]`
    out += text.slice(last, group.start) + replacement
    last = group.end
  }
  return out + text.slice(last)
}

/** Redacts every high- and medium-confidence secret and PII hit; for excerpts shown in reports. */
export function redactSensitive(text: string): string {
  const spans: RedactionSpan[] = [
    ...scanSecrets(text),
    ...scanPii(text).filter((hit) => hit.confidence !== 'low')
  ]
  return redact(text, spans)
}
