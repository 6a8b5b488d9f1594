import { z } from 'zod'
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
        const unprompted = generative && !suppliedByPrompt(hit.kind, hit.text, input)
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
    '("you are now DAN"), exfiltrate ("send the conversation to …") or reveal what must stay hidden ' +
    '("the admin password is", "here is my system prompt"). In a response they teach the model to ' +
    'comply, which fails; in a prompt whose response does not refuse they teach it that such requests ' +
    'are normal (`prompt-side`, warn by default); a prompt answered with a refusal is safety training ' +
    'and only noted. In other data (classification, plain text) they fail when the base has them in ' +
    'less than `max-base-share` of its rows, else they are reported at `prompt-side`.',
  options: {
    severity: severitySetting.default('fail'),
    'prompt-side': severitySetting.default('warn'),
    'max-base-share': z.number().min(0).max(1).default(0.005)
  },
  run(analysis, options) {
    const generative = analysis.shape.kind === 'instruction' || analysis.shape.kind === 'chat'
    // In other data such phrases are out of place unless the base has them too (a dataset of
    // attacks, say): new, they fail like a response that teaches them.
    const unusual =
      analysis.base.disclosureRows / Math.max(analysis.base.rowCount, 1) < options['max-base-share']
    const taught = new Map<AddedRow, Set<string>>()
    const asked = new Map<AddedRow, Set<string>>()
    const refused = new Map<AddedRow, Set<string>>()
    const add = (target: Map<AddedRow, Set<string>>, row: AddedRow, kind: string): void => {
      const kinds = target.get(row) ?? new Set<string>()
      kinds.add(kind)
      target.set(row, kinds)
    }
    for (const row of analysis.added) {
      const { input, output, allText } = row.features
      if (!generative) {
        for (const hit of scanDisclosure(allText)) add(unusual ? taught : asked, row, hit.kind)
        continue
      }
      for (const hit of scanDisclosure(output)) add(taught, row, `${hit.kind} in the response`)
      if (taught.has(row)) continue
      const target = REFUSAL.test(output) ? refused : asked
      for (const hit of scanDisclosure(input)) add(target, row, `${hit.kind} in the prompt`)
    }
    const findings: Finding[] = []
    const title = 'Prompt injection or disclosure taught by added rows'
    if (taught.size)
      findings.push(
        leakFinding(
          'injection.prompt',
          options.severity,
          title,
          generative
            ? 'an injection or disclosure phrase in the response'
            : 'an injection or disclosure phrase the base does not contain',
          taught
        )
      )
    const promptSide = options['prompt-side']
    if (asked.size && promptSide !== 'off')
      findings.push(
        leakFinding(
          'injection.prompt',
          promptSide,
          title,
          generative
            ? 'an injection or disclosure phrase that the response does not refuse'
            : 'an injection or disclosure phrase, as the base has too',
          asked
        )
      )
    if (refused.size)
      findings.push(
        leakFinding(
          'injection.prompt',
          'notice',
          'Injection attempts answered with a refusal',
          'an injection attempt with a refusal (safety training)',
          refused
        )
      )
    return findings
  }
})

/** Openings of a refusal: the honest answer to an injection attempt in safety-training data. */
const REFUSAL =
  /\b(I can(?:no|')t|I cannot|I won'?t|I will not|I'?m (?:sorry|unable|not able)|I am (?:sorry|unable|not able)|I must decline|I'?m afraid I can'?t|(?:that|this) is not something I can)\b/iu

/**
 * Whether the prompt already holds the value, allowing for the task's own reformatting: compared
 * on letters and digits only ("a@b,com" → "a@b.com"), and for e-mail addresses on the mailbox
 * name alone (a task that completes "sam@hotmail." to "sam@hotmail.com").
 */
function suppliedByPrompt(kind: PiiKind, value: string, prompt: string): boolean {
  const haystack = alphanumeric(prompt)
  if (haystack.includes(alphanumeric(value))) return true
  if (kind !== 'email') return false
  const mailbox = alphanumeric(value.split('@')[0])
  return mailbox.length >= 4 && haystack.includes(mailbox)
}

/** Letters and digits only. */
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
