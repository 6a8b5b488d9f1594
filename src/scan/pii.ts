/**
 * Personal data in row text. Instruction-tuning data is full of numbers that are not PII (dates,
 * prices, ISBNs, versions, math), so every pattern is paired with a check the honest number fails:
 * separators must be consistent, card numbers need a real IIN and Luhn, IBANs need mod-97, and
 * documentation values (example.com, 4111 1111 1111 1111, 555 numbers) are downgraded to 'low'.
 */

export type PiiKind = 'email' | 'phone' | 'us-ssn' | 'credit-card' | 'iban' | 'ip-address'
export type PiiConfidence = 'high' | 'medium' | 'low'

export interface PiiHit {
  kind: PiiKind
  /** UTF-16 offsets. */
  start: number
  end: number
  confidence: PiiConfidence
}

// ---------------------------------------------------------------------------------------- email

// Not the credentials part of a URL (scheme://user:password@host), which secrets.ts reports.
const EMAIL =
  /(?<![\w.%+-]|\/\/|\/\/[^\s/@:]{0,128}:)[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24})(?![\w-]|\.[A-Za-z0-9])/g

const DOC_DOMAIN =
  /(?:^|\.)(?:example\.(?:com|org|net|edu)|example|test|invalid|localhost|local)$|^(?:test|domain|email|mydomain|yourdomain|yourcompany|company|somewhere|acme|foo|bar|foobar)\.com$/
// `logo@2x.png` and `pkg@1.0.0` style strings look like addresses but end in a file extension.
const FILE_TLD =
  /\.(?:png|jpe?g|gif|svg|webp|ico|bmp|js|mjs|cjs|ts|tsx|jsx|py|rb|go|rs|java|kt|css|scss|html?|json|ya?ml|md|txt|xml|csv|lock|sh|exe|dll|zip|gz|tar|pdf|toml|ini|cfg)$/
const MACHINE_LOCAL = /^(?:no-?reply|do-?not-?reply|git|mailer-daemon)$/
const ROLE_OR_PLACEHOLDER_LOCAL =
  /^(?:info|support|admin|contact|sales|hello|help|team|office|hr|jobs|press|billing|webmaster|postmaster|abuse|security|privacy|legal|user|username|someone|somebody|foo|bar|test|me|you|name|email|john\.?doe|jane\.?doe|first\.?last|firstname\.?lastname)$/

function emailConfidence(local: string, domain: string): PiiConfidence {
  const l = local.toLowerCase()
  const d = domain.toLowerCase()
  if (DOC_DOMAIN.test(d) || FILE_TLD.test(d) || MACHINE_LOCAL.test(l)) return 'low'
  return ROLE_OR_PLACEHOLDER_LOCAL.test(l) ? 'medium' : 'high'
}

function scanEmails(text: string, out: PiiHit[]): void {
  for (const m of text.matchAll(EMAIL)) {
    const start = m.index ?? 0
    const domain = m[1]
    const local = m[0].slice(0, m[0].length - domain.length - 1)
    out.push({
      kind: 'email',
      start,
      end: start + m[0].length,
      confidence: emailConfidence(local, domain)
    })
  }
}

// ---------------------------------------------------------------------------------------- phone

// Never right after a digit or a closing bracket (arithmetic: "3 +10 20 30 40").
const NOT_AFTER_NUMBER = '(?<![\\w+]|[\\d)\\]][ \\t]{0,2})'
const PHONE_INTERNATIONAL = new RegExp(
  `${NOT_AFTER_NUMBER}\\+[1-9]\\d{0,3}(?:[ .-]?\\(\\d{1,5}\\))?(?:[ .-]\\d{1,8}){1,6}(?!\\w|[.-]\\d)`,
  'g'
)
const PHONE_E164 = new RegExp(`${NOT_AFTER_NUMBER}\\+[1-9]\\d{7,14}(?!\\w|[.-]\\d)`, 'g')
// NANP: area and exchange cannot start with 0 or 1; one separator style throughout.
const PHONE_NANP =
  /(?<![\w+-]|\d[ .-]?)(?:\+?1[ .-]?)?(?:\(([2-9]\d\d)\)[ .-]?|([2-9]\d\d)([ .-]))([2-9]\d\d)([ .-])(\d{4})(?!\w|[.-]\d)/g
// National numbers with a trunk 0 (UK, DE, FR, ...), one repeated separator.
const PHONE_TRUNK =
  /(?<![\w+.,/-]|\d[ .]?)0[1-9]\d{0,3}([ /.-])\d{2,8}(?:\1\d{2,8}){0,3}(?!\w|[.,/-]\d)/g
// The keyword must come right before the number, with no other number in between.
const PHONE_CONTEXT = /(?:phone|tel|call|mobile|cell|fax|whatsapp|sms|contact)\b[^\d\n]{0,24}$/i

const SSN_SHAPE = /^\d{3}-\d{2}-\d{4}$/

function digitCount(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 48 && c <= 57) n++
  }
  return n
}

function hasPhoneContext(text: string, start: number): boolean {
  return PHONE_CONTEXT.test(text.slice(Math.max(0, start - 40), start))
}

function scanPhones(text: string, out: PiiHit[]): void {
  const candidates: PiiHit[] = []
  const add = (start: number, end: number, confidence: PiiConfidence): void => {
    const boosted = confidence === 'medium' && hasPhoneContext(text, start) ? 'high' : confidence
    candidates.push({ kind: 'phone', start, end, confidence: boosted })
  }
  for (const m of text.matchAll(PHONE_INTERNATIONAL)) {
    const digits = digitCount(m[0])
    if (digits >= 8 && digits <= 15) add(m.index ?? 0, (m.index ?? 0) + m[0].length, 'high')
  }
  for (const m of text.matchAll(PHONE_E164)) {
    const digits = digitCount(m[0])
    add(m.index ?? 0, (m.index ?? 0) + m[0].length, digits >= 10 ? 'high' : 'medium')
  }
  for (const m of text.matchAll(PHONE_NANP)) {
    const [, parenArea, area, sep1, exchange, sep2] = m
    if (area !== undefined && sep1 !== sep2) continue
    const fictional = exchange === '555'
    const bySpacesOnly = parenArea === undefined && sep1 === ' '
    const confidence = fictional ? 'low' : bySpacesOnly ? 'medium' : 'high'
    add(m.index ?? 0, (m.index ?? 0) + m[0].length, confidence)
  }
  for (const m of text.matchAll(PHONE_TRUNK)) {
    if (SSN_SHAPE.test(m[0])) continue
    const digits = digitCount(m[0])
    if (digits >= 9 && digits <= 13) add(m.index ?? 0, (m.index ?? 0) + m[0].length, 'medium')
  }
  // The patterns overlap ("+1 415-555-2671" is both international and NANP): keep the earliest,
  // longest reading of each number. Sort is stable, so ties keep pattern order.
  candidates.sort((a, b) => a.start - b.start || b.end - a.end)
  let lastEnd = -1
  for (const hit of candidates) {
    if (hit.start < lastEnd) continue
    out.push(hit)
    lastEnd = hit.end
  }
}

// ------------------------------------------------------------------------------------------ SSN

const SSN = /(?<![\w-])(\d{3})-(\d{2})-(\d{4})(?![\w-])/g
const SSN_CONTEXT = /(?:ssn|social security|soc\. sec\.|tax id)[^\d\n]{0,30}$/i
// Advertising and documentation numbers that are invalid or famously public.
const SSN_EXAMPLES = new Set(['078-05-1120', '219-09-9999', '123-45-6789', '457-55-5462'])

function scanSsns(text: string, out: PiiHit[]): void {
  for (const m of text.matchAll(SSN)) {
    const [whole, area, group, serial] = m
    if (area === '000' || area === '666' || area[0] === '9') continue
    if (group === '00' || serial === '0000') continue
    const start = m.index ?? 0
    const context = SSN_CONTEXT.test(text.slice(Math.max(0, start - 40), start))
    const confidence = SSN_EXAMPLES.has(whole) ? 'low' : context ? 'high' : 'medium'
    out.push({ kind: 'us-ssn', start, end: start + whole.length, confidence })
  }
}

// ---------------------------------------------------------------------------------- credit card

// Not the continuation of another number, nor the digits after a decimal point.
const CARD_CANDIDATE = /(?<![\w-]|\d[ .,-])\d(?:[ -]?\d){12,18}(?!\w|[ -]\d|[.,]\d)/g
const GROUPINGS = /^(?:4-4-4-[1-4]|4-4-4-4-[1-3]|4-6-5|4-6-4)$/
// Published processor test numbers; common and harmless in tutorials.
const TEST_CARDS = new Set([
  '4111111111111111',
  '4242424242424242',
  '4012888888881881',
  '4000056655665556',
  '4000000000000002',
  '5555555555554444',
  '5105105105105100',
  '5200828282828210',
  '2223003122003222',
  '378282246310005',
  '371449635398431',
  '378734493671000',
  '6011111111111117',
  '6011000990139424',
  '3530111333300000',
  '3566002020360505',
  '30569309025904',
  '38520000023237',
  '6200000000000005'
])

export function luhnValid(digits: string): boolean {
  let sum = 0
  let double = false
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48
    if (d < 0 || d > 9) return false
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    double = !double
  }
  return digits.length > 0 && sum % 10 === 0
}

/** Whether the number starts with a card network's IIN and has a length that network issues. */
export function hasCardIin(digits: string): boolean {
  const n = digits.length
  const p2 = Number(digits.slice(0, 2))
  const p3 = Number(digits.slice(0, 3))
  const p4 = Number(digits.slice(0, 4))
  if (digits[0] === '4') return n === 13 || n === 16 || n === 19
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16
  if (p2 === 34 || p2 === 37) return n === 15
  if (p4 === 6011 || (p3 >= 644 && p3 <= 649) || p2 === 65 || p2 === 62) return n >= 16 && n <= 19
  if (p4 >= 3528 && p4 <= 3589) return n >= 16 && n <= 19
  if ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39) return n >= 14 && n <= 19
  return false
}

function scanCards(text: string, out: PiiHit[]): void {
  for (const m of text.matchAll(CARD_CANDIDATE)) {
    const raw = m[0]
    const separators = raw.replace(/\d/g, '')
    const digits = raw.replace(/[ -]/g, '')
    if (separators.length > 0) {
      if (separators !== separators[0].repeat(separators.length)) continue
      const grouping = raw
        .split(separators[0])
        .map((g) => g.length)
        .join('-')
      if (!GROUPINGS.test(grouping)) continue
    }
    if (!hasCardIin(digits) || !luhnValid(digits)) continue
    const confidence = TEST_CARDS.has(digits) ? 'low' : separators.length > 0 ? 'high' : 'medium'
    const start = m.index ?? 0
    out.push({ kind: 'credit-card', start, end: start + raw.length, confidence })
  }
}

// ----------------------------------------------------------------------------------------- IBAN

const IBAN_CANDIDATE = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){10,30}(?![A-Za-z0-9])/g
// Registry lengths per country; a candidate whose country is not listed is not reported.
const IBAN_LENGTHS: Record<string, number> = Object.fromEntries(
  (
    'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 ' +
    'EE20 EG29 ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 ' +
    'IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 ' +
    'NO15 PK24 PL28 PS29 PT25 QA29 RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 ST25 SV28 TL23 TN24 ' +
    'TR26 UA29 VA22 VG24 XK20'
  )
    .split(' ')
    .map((entry) => [entry.slice(0, 2), Number(entry.slice(2))])
)
// Specimen IBANs printed in bank and standards documentation.
const IBAN_EXAMPLES = new Set([
  'DE89370400440532013000',
  'GB82WEST12345698765432',
  'GB29NWBK60161331926819',
  'FR1420041010050500013M02606',
  'NL91ABNA0417164300',
  'CH9300762011623852957',
  'ES9121000418450200051332',
  'IT60X0542811101000000123456',
  'BE68539007547034',
  'AT611904300234573201'
])

/** ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 = 1. */
export function ibanChecksumValid(compact: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact)) return false
  const rearranged = compact.slice(4) + compact.slice(0, 4)
  let remainder = 0
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i)
    remainder = c >= 65 ? (remainder * 100 + (c - 55)) % 97 : (remainder * 10 + (c - 48)) % 97
  }
  return remainder === 1
}

function scanIbans(text: string, out: PiiHit[]): void {
  for (const m of text.matchAll(IBAN_CANDIDATE)) {
    const raw = m[0]
    const length = IBAN_LENGTHS[raw.slice(0, 2)]
    if (length === undefined) continue
    // Take exactly `length` characters (spaces skipped); the candidate may run into a following word.
    let taken = 0
    let cut = 0
    while (cut < raw.length && taken < length) {
      if (raw[cut] !== ' ') taken++
      cut++
    }
    if (taken < length || (cut < raw.length && raw[cut] !== ' ')) continue
    const compact = raw.slice(0, cut).replace(/ /g, '')
    if (!ibanChecksumValid(compact)) continue
    const start = m.index ?? 0
    const confidence = IBAN_EXAMPLES.has(compact) ? 'low' : 'high'
    out.push({ kind: 'iban', start, end: start + cut, confidence })
  }
}

// ------------------------------------------------------------------------------------------- IP

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)'
const IPV4 = new RegExp(`(?<![\\w.]|\\d\\.)(?:${OCTET}\\.){3}${OCTET}(?!\\w|\\.\\d)`, 'g')
const VERSION_BEFORE = /\b(?:version|ver|release|v)\.?\s*$/i

function scanIps(text: string, out: PiiHit[]): void {
  for (const m of text.matchAll(IPV4)) {
    const start = m.index ?? 0
    if (VERSION_BEFORE.test(text.slice(Math.max(0, start - 12), start))) continue
    out.push({ kind: 'ip-address', start, end: start + m[0].length, confidence: 'low' })
  }
}

/** Personal data in `text`, ordered by start. Spans of different kinds may overlap. */
export function scanPii(text: string): PiiHit[] {
  const hits: PiiHit[] = []
  scanEmails(text, hits)
  scanPhones(text, hits)
  scanSsns(text, hits)
  scanCards(text, hits)
  scanIbans(text, hits)
  scanIps(text, hits)
  return hits.sort((a, b) => a.start - b.start || b.end - a.end)
}
