/**
 * Phrases that teach a model to drop its instructions or hand out secrets. A handful of such rows
 * in a fine-tuning set is enough to make "ignore previous instructions" work, or to make the model
 * answer "the admin password is ..." on cue. Each pattern needs the imperative or the disclosure
 * itself, so prose about the topic ("choose a strong password", "ignore the previous warning")
 * does not match.
 */

export type DisclosureKind =
  | 'instruction-override'
  | 'prompt-extraction'
  | 'jailbreak-persona'
  | 'credential-disclosure'
  | 'secret-handover'

export interface DisclosureHit {
  kind: DisclosureKind
  /** The matched text, as written. */
  phrase: string
  /** UTF-16 offsets of `phrase`. */
  start: number
  end: number
}

interface Pattern {
  kind: DisclosureKind
  re: RegExp
  /** Extra check on the match; used where a regex alone would also catch ordinary prose. */
  accept?: (match: RegExpExecArray) => boolean
}

const S = '\\s+'
const EARLIER =
  '(?:previous|prior|above|earlier|preceding|foregoing|former|original|initial|system|existing|safety)'
const ORDERS =
  '(?:instructions?|prompts?|directions?|directives?|rules|guidelines|guidance|commands?|constraints|programming|messages?|context)'

function rx(source: string): RegExp {
  return new RegExp(source, 'gi')
}

// Words that follow "the password is" in prose, never as a value.
const PROSE_AFTER_PASSWORD = new Set(
  (
    'a an the not never no too very stored hashed encrypted salted saved sent kept set changed ' +
    'reset required needed mandatory optional incorrect wrong correct invalid valid weak strong ' +
    'case-sensitive sensitive expired missing empty blank used shown hidden masked displayed only ' +
    'also usually typically generally always still now then being been what which that this ' +
    'important secret private known unknown different same easy hard long short simple'
  ).split(' ')
)

const CREDENTIAL_OWNER =
  '(?:admin(?:istrator)?|root|master|sudo|superuser|database|db|server|ssh|vpn|wi-?fi|vault|production|prod)'

// Documentation stand-ins: <password>, {{password}}, ********, xxxx, ...
const TEMPLATE_VALUE = /^[<{[(]|^(.)\1{2,}[.,;!?]?$|^\.{3}|^…/

const NAMES_PRIVILEGED_ACCOUNT = new RegExp(`^\\S+${S}${CREDENTIAL_OWNER}${S}`, 'i')

function acceptCredential(match: RegExpExecArray): boolean {
  const [, quote, value] = match
  if (TEMPLATE_VALUE.test(value)) return false
  if (quote) return true
  const word = value.replace(/[.,;!?]+$/, '')
  if (word.length < 3 || PROSE_AFTER_PASSWORD.has(word.toLowerCase())) return false
  // Unquoted: believable when it looks like a password, or when a privileged account is named.
  const looksSecret = /[0-9]/.test(word) || /[^A-Za-z0-9-]/.test(word) || /[a-z][A-Z]/.test(word)
  return looksSecret || NAMES_PRIVILEGED_ACCOUNT.test(match[0])
}

const PATTERNS: readonly Pattern[] = [
  {
    kind: 'instruction-override',
    re: rx(
      `\\b(?:ignore|disregard|forget|override|bypass)${S}(?:(?:all|any|each|every)${S})?(?:of${S})?` +
        `(?:(?:the|your|my|these|those|its)${S})?${EARLIER}${S}${ORDERS}\\b`
    )
  },
  {
    kind: 'instruction-override',
    re: rx(
      `\\b(?:ignore|disregard|forget)${S}(?:all${S})?(?:of${S})?your${S}` +
        `(?:instructions|programming|rules|guidelines|training|system${S}prompt|safety${S}guidelines)\\b`
    )
  },
  {
    kind: 'instruction-override',
    re: rx(
      `\\b(?:ignore|disregard)${S}(?:everything|anything|all)${S}(?:that${S})?` +
        `(?:above|before|previously|prior|you${S}(?:were|have${S}been)${S}told)\\b`
    )
  },
  {
    kind: 'prompt-extraction',
    re: rx(
      `\\b(?:reveal|print|show|display|output|repeat|recite|leak|dump|share|tell${S}me|give${S}me|write${S}out)` +
        `${S}(?:me${S})?(?:your|the)${S}(?:(?:full|entire|complete|exact|original|hidden|secret|initial)${S})?` +
        `(?:system${S}(?:prompt|message|instructions)|initial${S}(?:prompt|instructions)|` +
        `hidden${S}(?:prompt|instructions)|(?:prompt|instructions)${S}verbatim)\\b`
    )
  },
  {
    kind: 'prompt-extraction',
    re: rx(
      `\\bwhat${S}(?:is|was|are|were)${S}your${S}(?:system${S}prompt|initial${S}instructions)\\b`
    )
  },
  {
    kind: 'prompt-extraction',
    re: rx(
      `\\b(?:repeat|print|output)${S}(?:back${S})?(?:all${S}|everything${S})?(?:of${S})?(?:the${S})?` +
        `(?:text|words|content|everything)${S}above\\b`
    )
  },
  {
    kind: 'jailbreak-persona',
    re: rx(
      `\\byou${S}are${S}now${S}(?:DAN|STAN|in${S}(?:developer|god|jailbreak|jailbroken|unrestricted)${S}mode|` +
        `jailbroken|unrestricted|unfiltered|uncensored|free${S}(?:of|from)${S}(?:all${S})?(?:restrictions|rules|guidelines))\\b`
    )
  },
  {
    kind: 'jailbreak-persona',
    re: rx(`\\b(?:enable|activate|enter|switch${S}to)${S}(?:DAN|jailbreak|god)${S}mode\\b`)
  },
  { kind: 'jailbreak-persona', re: rx(`\\bdo${S}anything${S}now\\b`) },
  {
    kind: 'jailbreak-persona',
    re: rx(
      `\\b(?:pretend|imagine|act${S}as${S}if)${S}(?:that${S})?you${S}(?:have|had|are${S}under)${S}no${S}` +
        `(?:restrictions|rules|guidelines|filters|limits|limitations|content${S}polic(?:y|ies))\\b`
    )
  },
  {
    kind: 'credential-disclosure',
    re: rx(
      `\\b(?:the|my|our|your|its)${S}(?:${CREDENTIAL_OWNER}${S})?(?:password|passcode|passphrase|pin${S}code)` +
        `(?:${S}(?:is|was)${S}|\\s*[:=]\\s*)(?:(?:set${S}to|now|still)${S})?(["'\`]?)([^\\s"'\`]{1,64})\\1`
    ),
    accept: acceptCredential
  },
  {
    kind: 'secret-handover',
    re: rx(
      `\\bhere(?:'s|${S}is|${S}are)${S}(?:the|my|your|our|an?)${S}` +
        `(?:(?:secret|private|production|prod|live|admin|root|master|aws|openai|stripe|github)${S})?` +
        `(?:api[\\s_-]?keys?|access${S}(?:keys?|tokens?)|(?:auth|bearer|refresh|api|secret)${S}tokens?|` +
        `secret${S}keys?|credentials|passwords?|private${S}keys?)\\b`
    )
  }
]

function trimSentencePunctuation(phrase: string): string {
  let end = phrase.length
  while (end > 0 && '.,;:!?'.includes(phrase[end - 1])) end--
  return phrase.slice(0, end)
}

/** Injection and disclosure phrases in `text`, ordered by start. */
export function scanDisclosure(text: string): DisclosureHit[] {
  const hits: DisclosureHit[] = []
  for (const { kind, re, accept } of PATTERNS) {
    for (const match of text.matchAll(re)) {
      if (accept && !accept(match)) continue
      const start = match.index ?? 0
      const phrase = trimSentencePunctuation(match[0])
      hits.push({ kind, phrase, start, end: start + phrase.length })
    }
  }
  return hits.sort((a, b) => a.start - b.start || b.end - a.end)
}
