import type { AddedRow } from '../dataset/types.js'
import { scanDisclosure } from '../scan/disclosure.js'
import { scanPii, type PiiKind } from '../scan/pii.js'
import { scanSecrets } from '../scan/secrets.js'
import type { Finding, Severity } from '../types.js'
import { byPosition, findingRow } from './excerpt.js'
import { defineCheck, severitySetting } from './types.js'

export const secretsLeak = defineCheck({
  id: 'secrets.leak',
  title: 'Secrets in added rows',
  explanation:
    'Cloud keys, API tokens, private keys, JWTs, passwords in connection strings and other ' +
    'credentials in training data get memorised and can be extracted from the model later; a row ' +
    'that pairs a question with a real key teaches the model to disclose it. Every report shows ' +
    'them redacted. Placeholder values ("your_api_key_here", "password123") are not flagged.',
  options: {
    severity: severitySetting.default('fail'),
    'medium-confidence': severitySetting.default('warn')
  },
  run(analysis, options) {
    const high = new Map<AddedRow, Set<string>>()
    const medium = new Map<AddedRow, Set<string>>()
    for (const row of analysis.added) {
      for (const hit of scanSecrets(row.features.allText)) {
        const target = hit.confidence === 'high' ? high : medium
        const kinds = target.get(row) ?? new Set<string>()
        kinds.add(hit.kind)
        target.set(row, kinds)
      }
    }
    for (const row of high.keys()) medium.delete(row)
    const findings: Finding[] = []
    if (high.size)
      findings.push(
        leakFinding('secrets.leak', options.severity, 'Secrets in added rows', 'a credential', high)
      )
    const mediumSeverity = options['medium-confidence']
    if (medium.size && mediumSeverity !== 'off')
      findings.push(
        leakFinding(
          'secrets.leak',
          mediumSeverity,
          'Possible secrets in added rows',
          'what may be a credential',
          medium
        )
      )
    return findings
  }
})

/** Kinds that identify or expose a person or an account on their own. */
const SENSITIVE_PII = new Set<PiiKind>(['us-ssn', 'credit-card', 'iban'])

export const piiLeak = defineCheck({
  id: 'pii.leak',
  title: 'Personal data in added rows',
  explanation:
    'E-mail addresses, phone numbers, national ids, card numbers (Luhn-checked) and IBANs (mod-97 ' +
    'checked). In instruction or chat data, personal data that appears in a response without being ' +
    'in its prompt is what a model learns to disclose, so it fails; personal data that the task ' +
    'itself supplies is only noted; well-known test values (4111 1111 1111 1111) volunteered by a ' +
    'response warn. In other data, card numbers, national ids and IBANs warn and the rest is noted. ' +
    'All of it is redacted in reports.',
  options: {
    severity: severitySetting.default('fail'),
    'other-data': severitySetting.default('warn'),
    'documentation-values': severitySetting.default('warn')
  },
  run(analysis, options) {
    const generative = analysis.shape.kind === 'instruction' || analysis.shape.kind === 'chat'
    const serious = new Map<AddedRow, Set<string>>()
    const noted = new Map<AddedRow, Set<string>>()
    const documented = new Map<AddedRow, Set<string>>()
    for (const row of analysis.added) {
      const { input, output, allText } = row.features
      const hits = generative
        ? scanPii(output).map((h) => ({ ...h, text: output.slice(h.start, h.end) }))
        : scanPii(allText).map((h) => ({ ...h, text: allText.slice(h.start, h.end) }))
      for (const hit of hits) {
        const unprompted = generative && !alphanumeric(input).includes(alphanumeric(hit.text))
        // Documentation values (test card numbers, example.com) are honest in tutorials; only the
        // sensitive kinds still count when a response volunteers them unasked.
        if (hit.confidence === 'low' && !(unprompted && SENSITIVE_PII.has(hit.kind))) continue
        const isSerious = generative ? unprompted : SENSITIVE_PII.has(hit.kind)
        const target = hit.confidence === 'low' ? documented : isSerious ? serious : noted
        const kinds = target.get(row) ?? new Set<string>()
        kinds.add(
          generative && unprompted ? `${hit.kind} in the response, not in the prompt` : hit.kind
        )
        target.set(row, kinds)
      }
    }
    for (const row of serious.keys()) {
      noted.delete(row)
      documented.delete(row)
    }
    for (const row of documented.keys()) noted.delete(row)
    const findings: Finding[] = []
    const seriousSeverity = generative ? options.severity : options['other-data']
    if (serious.size && seriousSeverity !== 'off')
      findings.push(
        leakFinding(
          'pii.leak',
          seriousSeverity,
          'Personal data in added rows',
          'personal data',
          serious
        )
      )
    const documentedSeverity = options['documentation-values']
    if (documented.size && documentedSeverity !== 'off')
      findings.push(
        leakFinding(
          'pii.leak',
          documentedSeverity,
          'Test or documentation values of sensitive data volunteered in responses',
          'a sensitive documentation value (test card number, sample SSN or IBAN) that the prompt did not ask for',
          documented
        )
      )
    if (noted.size)
      findings.push(
        leakFinding(
          'pii.leak',
          'notice',
          'Personal data supplied by the task',
          'personal data',
          noted
        )
      )
    return findings
  }
})

export const injectionPrompt = defineCheck({
  id: 'injection.prompt',
  title: 'Prompt injection or disclosure taught by added rows',
  explanation:
    'Phrases that override instructions ("ignore all previous instructions"), switch persona ' +
    '("you are now DAN"), or reveal what must stay hidden ("the admin password is", "here is my ' +
    'system prompt"). In a response they teach the model to comply; in a prompt without a refusal ' +
    'they teach it that such requests are normal.',
  options: {
    severity: severitySetting.default('warn')
  },
  run(analysis, options) {
    const flagged = new Map<AddedRow, Set<string>>()
    for (const row of analysis.added) {
      for (const hit of scanDisclosure(row.features.allText)) {
        const kinds = flagged.get(row) ?? new Set<string>()
        kinds.add(hit.kind)
        flagged.set(row, kinds)
      }
    }
    if (!flagged.size) return []
    return [
      leakFinding(
        'injection.prompt',
        options.severity,
        'Prompt injection or disclosure taught by added rows',
        'an injection or disclosure phrase',
        flagged
      )
    ]
  }
})

/** Letters and digits only, so a value reformatted by the task ("a@b,com" → "a@b.com") still matches. */
function alphanumeric(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')
}

function leakFinding(
  check: string,
  severity: Severity,
  title: string,
  what: string,
  rows: Map<AddedRow, Set<string>>
): Finding {
  const ordered = byPosition([...rows.keys()])
  const kinds = new Map<string, number>()
  for (const set of rows.values())
    for (const kind of set) kinds.set(kind, (kinds.get(kind) ?? 0) + 1)
  const summary = [...kinds.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} (${n})`)
  return {
    check,
    severity,
    title,
    message: `${ordered.length} added ${ordered.length === 1 ? 'row contains' : 'rows contain'} ${what}: ${summary.join(', ')}`,
    value: ordered.length,
    threshold: 0,
    rows: ordered.map((row) => findingRow(row, [...rows.get(row)!].join(', '))),
    details: { kinds: Object.fromEntries(kinds) }
  }
}
