/**
 * Invisible and control characters in row text. Backdoor triggers are often a single code point a
 * reviewer cannot see (a word followed by U+200B, tag characters smuggling ASCII, a bidi override),
 * so every occurrence is reported with its position and a proper name.
 */

export type UnicodeCategory =
  | 'format'
  | 'bidi'
  | 'tag'
  | 'private-use'
  | 'control'
  | 'variation-selector'
  | 'noncharacter'
  | 'unusual-space'

/** 'low' marks characters that honest text carries routinely (NBSP, ZWNJ inside Persian words...). */
export type UnicodeSeverity = 'high' | 'low'

export interface UnicodeHit {
  codePoint: number
  name: string
  category: UnicodeCategory
  /** UTF-16 offset in the scanned string, so `text.slice(index)` starts at the character. */
  index: number
  severity: UnicodeSeverity
}

export interface UnicodeHitSummary {
  codePoint: number
  name: string
  category: UnicodeCategory
  severity: UnicodeSeverity
  count: number
}

type Entry = readonly [name: string, category: UnicodeCategory, severity?: UnicodeSeverity]

// Single code points we know by name. Ranges (tags, private use, variation selectors...) get
// generated names in describe() instead of bloating this table.
const NAMED = new Map<number, Entry>([
  [0x00a0, ['NO-BREAK SPACE', 'unusual-space', 'low']],
  [0x00ad, ['SOFT HYPHEN', 'format']],
  [0x034f, ['COMBINING GRAPHEME JOINER', 'format']],
  [0x061c, ['ARABIC LETTER MARK', 'bidi']],
  [0x115f, ['HANGUL CHOSEONG FILLER', 'unusual-space']],
  [0x1160, ['HANGUL JUNGSEONG FILLER', 'unusual-space']],
  [0x1680, ['OGHAM SPACE MARK', 'unusual-space', 'low']],
  [0x17b4, ['KHMER VOWEL INHERENT AQ', 'format']],
  [0x17b5, ['KHMER VOWEL INHERENT AA', 'format']],
  [0x180e, ['MONGOLIAN VOWEL SEPARATOR', 'format']],
  [0x2000, ['EN QUAD', 'unusual-space', 'low']],
  [0x2001, ['EM QUAD', 'unusual-space', 'low']],
  [0x2002, ['EN SPACE', 'unusual-space', 'low']],
  [0x2003, ['EM SPACE', 'unusual-space', 'low']],
  [0x2004, ['THREE-PER-EM SPACE', 'unusual-space', 'low']],
  [0x2005, ['FOUR-PER-EM SPACE', 'unusual-space', 'low']],
  [0x2006, ['SIX-PER-EM SPACE', 'unusual-space', 'low']],
  [0x2007, ['FIGURE SPACE', 'unusual-space', 'low']],
  [0x2008, ['PUNCTUATION SPACE', 'unusual-space', 'low']],
  [0x2009, ['THIN SPACE', 'unusual-space', 'low']],
  [0x200a, ['HAIR SPACE', 'unusual-space', 'low']],
  [0x200b, ['ZERO WIDTH SPACE', 'format']],
  [0x200c, ['ZERO WIDTH NON-JOINER', 'format']],
  [0x200d, ['ZERO WIDTH JOINER', 'format']],
  [0x200e, ['LEFT-TO-RIGHT MARK', 'bidi']],
  [0x200f, ['RIGHT-TO-LEFT MARK', 'bidi']],
  [0x2028, ['LINE SEPARATOR', 'unusual-space', 'low']],
  [0x2029, ['PARAGRAPH SEPARATOR', 'unusual-space', 'low']],
  [0x202a, ['LEFT-TO-RIGHT EMBEDDING', 'bidi']],
  [0x202b, ['RIGHT-TO-LEFT EMBEDDING', 'bidi']],
  [0x202c, ['POP DIRECTIONAL FORMATTING', 'bidi']],
  [0x202d, ['LEFT-TO-RIGHT OVERRIDE', 'bidi']],
  [0x202e, ['RIGHT-TO-LEFT OVERRIDE', 'bidi']],
  [0x202f, ['NARROW NO-BREAK SPACE', 'unusual-space', 'low']],
  [0x205f, ['MEDIUM MATHEMATICAL SPACE', 'unusual-space', 'low']],
  [0x2060, ['WORD JOINER', 'format']],
  [0x2061, ['FUNCTION APPLICATION', 'format']],
  [0x2062, ['INVISIBLE TIMES', 'format']],
  [0x2063, ['INVISIBLE SEPARATOR', 'format']],
  [0x2064, ['INVISIBLE PLUS', 'format']],
  [0x2065, ['RESERVED U+2065', 'format']],
  [0x2066, ['LEFT-TO-RIGHT ISOLATE', 'bidi']],
  [0x2067, ['RIGHT-TO-LEFT ISOLATE', 'bidi']],
  [0x2068, ['FIRST STRONG ISOLATE', 'bidi']],
  [0x2069, ['POP DIRECTIONAL ISOLATE', 'bidi']],
  [0x206a, ['INHIBIT SYMMETRIC SWAPPING', 'format']],
  [0x206b, ['ACTIVATE SYMMETRIC SWAPPING', 'format']],
  [0x206c, ['INHIBIT ARABIC FORM SHAPING', 'format']],
  [0x206d, ['ACTIVATE ARABIC FORM SHAPING', 'format']],
  [0x206e, ['NATIONAL DIGIT SHAPES', 'format']],
  [0x206f, ['NOMINAL DIGIT SHAPES', 'format']],
  [0x2800, ['BRAILLE PATTERN BLANK', 'unusual-space']],
  [0x3000, ['IDEOGRAPHIC SPACE', 'unusual-space', 'low']],
  [0x3164, ['HANGUL FILLER', 'unusual-space']],
  [0xfeff, ['ZERO WIDTH NO-BREAK SPACE', 'format']],
  [0xffa0, ['HALFWIDTH HANGUL FILLER', 'unusual-space']],
  [0xfff9, ['INTERLINEAR ANNOTATION ANCHOR', 'format']],
  [0xfffa, ['INTERLINEAR ANNOTATION SEPARATOR', 'format']],
  [0xfffb, ['INTERLINEAR ANNOTATION TERMINATOR', 'format']],
  [0x1d173, ['MUSICAL SYMBOL BEGIN BEAM', 'format']],
  [0x1d174, ['MUSICAL SYMBOL END BEAM', 'format']],
  [0x1d175, ['MUSICAL SYMBOL BEGIN TIE', 'format']],
  [0x1d176, ['MUSICAL SYMBOL END TIE', 'format']],
  [0x1d177, ['MUSICAL SYMBOL BEGIN SLUR', 'format']],
  [0x1d178, ['MUSICAL SYMBOL END SLUR', 'format']],
  [0x1d179, ['MUSICAL SYMBOL BEGIN PHRASE', 'format']],
  [0x1d17a, ['MUSICAL SYMBOL END PHRASE', 'format']]
])

// C0 names, then the ISO 6429 names Unicode lists as aliases for C1 (those have no Name property).
const C0_NAMES = [
  'NULL',
  'START OF HEADING',
  'START OF TEXT',
  'END OF TEXT',
  'END OF TRANSMISSION',
  'ENQUIRY',
  'ACKNOWLEDGE',
  'ALERT',
  'BACKSPACE',
  'CHARACTER TABULATION',
  'LINE FEED',
  'LINE TABULATION',
  'FORM FEED',
  'CARRIAGE RETURN',
  'SHIFT OUT',
  'SHIFT IN',
  'DATA LINK ESCAPE',
  'DEVICE CONTROL ONE',
  'DEVICE CONTROL TWO',
  'DEVICE CONTROL THREE',
  'DEVICE CONTROL FOUR',
  'NEGATIVE ACKNOWLEDGE',
  'SYNCHRONOUS IDLE',
  'END OF TRANSMISSION BLOCK',
  'CANCEL',
  'END OF MEDIUM',
  'SUBSTITUTE',
  'ESCAPE',
  'INFORMATION SEPARATOR FOUR',
  'INFORMATION SEPARATOR THREE',
  'INFORMATION SEPARATOR TWO',
  'INFORMATION SEPARATOR ONE'
]

const C1_NAMES = [
  'PADDING CHARACTER',
  'HIGH OCTET PRESET',
  'BREAK PERMITTED HERE',
  'NO BREAK HERE',
  'INDEX',
  'NEXT LINE',
  'START OF SELECTED AREA',
  'END OF SELECTED AREA',
  'CHARACTER TABULATION SET',
  'CHARACTER TABULATION WITH JUSTIFICATION',
  'LINE TABULATION SET',
  'PARTIAL LINE FORWARD',
  'PARTIAL LINE BACKWARD',
  'REVERSE LINE FEED',
  'SINGLE SHIFT TWO',
  'SINGLE SHIFT THREE',
  'DEVICE CONTROL STRING',
  'PRIVATE USE ONE',
  'PRIVATE USE TWO',
  'SET TRANSMIT STATE',
  'CANCEL CHARACTER',
  'MESSAGE WAITING',
  'START OF GUARDED AREA',
  'END OF GUARDED AREA',
  'START OF STRING',
  'SINGLE GRAPHIC CHARACTER INTRODUCER',
  'SINGLE CHARACTER INTRODUCER',
  'CONTROL SEQUENCE INTRODUCER',
  'STRING TERMINATOR',
  'OPERATING SYSTEM COMMAND',
  'PRIVACY MESSAGE',
  'APPLICATION PROGRAM COMMAND'
]

// Names of printable ASCII, used to spell out what each tag character (U+E0020..E007E) mirrors.
const ASCII_PUNCTUATION: Record<string, string> = {
  ' ': 'SPACE',
  '!': 'EXCLAMATION MARK',
  '"': 'QUOTATION MARK',
  '#': 'NUMBER SIGN',
  $: 'DOLLAR SIGN',
  '%': 'PERCENT SIGN',
  '&': 'AMPERSAND',
  "'": 'APOSTROPHE',
  '(': 'LEFT PARENTHESIS',
  ')': 'RIGHT PARENTHESIS',
  '*': 'ASTERISK',
  '+': 'PLUS SIGN',
  ',': 'COMMA',
  '-': 'HYPHEN-MINUS',
  '.': 'FULL STOP',
  '/': 'SOLIDUS',
  ':': 'COLON',
  ';': 'SEMICOLON',
  '<': 'LESS-THAN SIGN',
  '=': 'EQUALS SIGN',
  '>': 'GREATER-THAN SIGN',
  '?': 'QUESTION MARK',
  '@': 'COMMERCIAL AT',
  '[': 'LEFT SQUARE BRACKET',
  '\\': 'REVERSE SOLIDUS',
  ']': 'RIGHT SQUARE BRACKET',
  '^': 'CIRCUMFLEX ACCENT',
  _: 'LOW LINE',
  '`': 'GRAVE ACCENT',
  '{': 'LEFT CURLY BRACKET',
  '|': 'VERTICAL LINE',
  '}': 'RIGHT CURLY BRACKET',
  '~': 'TILDE'
}

const DIGIT_NAMES = ['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE']

function asciiName(char: string): string {
  if (char >= 'a' && char <= 'z') return `LATIN SMALL LETTER ${char.toUpperCase()}`
  if (char >= 'A' && char <= 'Z') return `LATIN CAPITAL LETTER ${char}`
  if (char >= '0' && char <= '9') return `DIGIT ${DIGIT_NAMES[char.charCodeAt(0) - 48]}`
  return ASCII_PUNCTUATION[char] ?? formatCodePoint(char.charCodeAt(0))
}

// Every candidate in one class so the common case (no hit) is a single native regex pass. The
// end-of-plane noncharacters of planes 1..14 are spliced in; planes 15/16 are covered whole.
const PLANE_NONCHARACTERS = Array.from({ length: 14 }, (_, i) => {
  const base = (i + 1).toString(16).toUpperCase()
  return `\\u{${base}FFFE}\\u{${base}FFFF}`
}).join('')

const CANDIDATE = new RegExp(
  '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u00A0\\u00AD\\u034F\\u061C' +
    '\\u115F\\u1160\\u1680\\u17B4\\u17B5\\u180E\\u2000-\\u200F\\u2028-\\u202F\\u205F-\\u206F' +
    '\\u2800\\u3000\\u3164\\uD800-\\uDFFF\\uE000-\\uF8FF\\uFDD0-\\uFDEF\\uFE00-\\uFE0F' +
    '\\uFEFF\\uFFA0\\uFFF9-\\uFFFB\\uFFFE\\uFFFF\\u{1D173}-\\u{1D17A}\\u{E0000}-\\u{E007F}' +
    `\\u{E0100}-\\u{E01EF}\\u{F0000}-\\u{10FFFF}${PLANE_NONCHARACTERS}]`,
  'gu'
)

const EMOJI_BASE = /^[\p{Emoji}\p{Extended_Pictographic}]$/u
const PICTOGRAPH = /^\p{Extended_Pictographic}$/u
const EMOJI_MODIFIER = /^\p{Emoji_Modifier}$/u
const HAN = /^\p{Script=Han}$/u
const MATH_SYMBOL = /^\p{Sm}$/u
// Scripts whose orthography needs ZWNJ/ZWJ (Persian, Indic conjuncts, Sinhala...).
const JOINING_SCRIPT =
  /^[\p{scx=Arab}\p{scx=Syrc}\p{scx=Nkoo}\p{scx=Mong}\p{scx=Deva}\p{scx=Beng}\p{scx=Guru}\p{scx=Gujr}\p{scx=Orya}\p{scx=Taml}\p{scx=Telu}\p{scx=Knda}\p{scx=Mlym}\p{scx=Sinh}\p{scx=Khmr}\p{scx=Mymr}\p{scx=Tibt}\p{scx=Hebr}\p{scx=Thaa}]$/u
// Letters only: U+061C ARABIC LETTER MARK is itself in the Arabic script.
const RTL_LETTER =
  /(?=\p{L})[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u

const ZWNJ = 0x200c
const ZWJ = 0x200d
const VS16 = 0xfe0f
const BLACK_FLAG = 0x1f3f4
const CANCEL_TAG = 0xe007f
const ESC = 0x1b
const SELECTOR = 'variation-selector'

export function formatCodePoint(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`
}

function isTag(cp: number): boolean {
  return cp >= 0xe0000 && cp <= 0xe007f
}

function isVariationSelector(cp: number): boolean {
  return (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)
}

function isNoncharacter(cp: number): boolean {
  return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe
}

function isPrivateUse(cp: number): boolean {
  return (cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000
}

/** Name and category of a candidate, ignoring context (context only lowers severity or excuses). */
function describe(cp: number): Entry {
  const named = NAMED.get(cp)
  if (named) return named
  const hex = formatCodePoint(cp)
  if (cp < 0x20) return [C0_NAMES[cp], 'control']
  if (cp === 0x7f) return ['DELETE', 'control']
  if (cp >= 0x80 && cp <= 0x9f) return [C1_NAMES[cp - 0x80], 'control']
  if (cp >= 0xd800 && cp <= 0xdfff) return [`UNPAIRED SURROGATE ${hex}`, 'noncharacter']
  if (isNoncharacter(cp)) return [`NONCHARACTER ${hex}`, 'noncharacter']
  if (isPrivateUse(cp)) return [`PRIVATE USE ${hex}`, 'private-use']
  if (cp >= 0xfe00 && cp <= 0xfe0f) return [`VARIATION SELECTOR-${cp - 0xfe00 + 1}`, SELECTOR]
  if (cp >= 0xe0100) return [`VARIATION SELECTOR-${cp - 0xe0100 + 17}`, SELECTOR]
  if (cp === 0xe0001) return ['LANGUAGE TAG', 'tag']
  if (cp === CANCEL_TAG) return ['CANCEL TAG', 'tag']
  if (cp >= 0xe0020) return [`TAG ${asciiName(String.fromCharCode(cp - 0xe0000))}`, 'tag']
  return [`UNASSIGNED TAG ${hex}`, 'tag']
}

function codePointBefore(text: string, index: number): number | undefined {
  if (index <= 0) return undefined
  const low = text.charCodeAt(index - 1)
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2)
    if (high >= 0xd800 && high <= 0xdbff) return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000
  }
  return low
}

function matches(pattern: RegExp, cp: number | undefined): boolean {
  return cp !== undefined && pattern.test(String.fromCodePoint(cp))
}

// A single variation selector right after its base is how emoji presentation, keycaps and CJK
// ideographic variants are spelled; a second one in a row is not (that is how "emoji smuggling"
// hides bytes), hence the check is on the immediately preceding code point only.
function isLegitVariationSelector(cp: number, prev: number | undefined): boolean {
  if (prev === undefined || isVariationSelector(prev)) return false
  if (cp >= 0xe0100) return matches(HAN, prev)
  if (matches(EMOJI_BASE, prev) || matches(HAN, prev)) return true
  return cp === 0xfe00 && matches(MATH_SYMBOL, prev)
}

// ZWJ glues emoji into one glyph (family, profession, rainbow flag sequences). A VS16 before it
// only counts when it is itself attached to an emoji, so a stray selector cannot excuse a joiner.
function isEmojiJoiner(text: string, index: number, width: number): boolean {
  if (!matches(PICTOGRAPH, text.codePointAt(index + width))) return false
  const prev = codePointBefore(text, index)
  if (prev === VS16) return matches(EMOJI_BASE, codePointBefore(text, index - 1))
  return matches(PICTOGRAPH, prev) || matches(EMOJI_MODIFIER, prev)
}

// Subdivision flags (England, Scotland, Wales) are U+1F3F4, 2..6 tag letters/digits, CANCEL TAG.
function isFlagTagSequence(text: string, start: number, end: number): boolean {
  if (codePointBefore(text, start) !== BLACK_FLAG) return false
  const units = end - start
  if (units < 6 || units > 14) return false
  for (let i = start; i < end - 2; i += 2) {
    const cp = text.codePointAt(i) ?? 0
    const ascii = cp - 0xe0000
    const ok = (ascii >= 0x30 && ascii <= 0x39) || (ascii >= 0x61 && ascii <= 0x7a)
    if (!ok) return false
  }
  return text.codePointAt(end - 2) === CANCEL_TAG
}

function tagRunEnd(text: string, start: number): number {
  let i = start
  while (i < text.length) {
    const cp = text.codePointAt(i) ?? 0
    if (!isTag(cp)) break
    i += 2
  }
  return i
}

interface Context {
  text: string
  hasRtl: boolean | undefined
}

function textHasRtl(context: Context): boolean {
  if (context.hasRtl === undefined) context.hasRtl = RTL_LETTER.test(context.text)
  return context.hasRtl
}

function severityOf(
  cp: number,
  index: number,
  width: number,
  context: Context,
  base?: UnicodeSeverity
): UnicodeSeverity {
  if (base) return base
  const { text } = context
  if (cp === ZWNJ || cp === ZWJ) {
    const prev = codePointBefore(text, index)
    const next = text.codePointAt(index + width)
    return matches(JOINING_SCRIPT, prev) && matches(JOINING_SCRIPT, next) ? 'low' : 'high'
  }
  if (cp === 0x200e || cp === 0x200f || cp === 0x061c) return textHasRtl(context) ? 'low' : 'high'
  // A leading BOM is usually a file-encoding leftover; one inside text is not.
  if (cp === 0xfeff) return index === 0 ? 'low' : 'high'
  // ANSI colour codes in terminal transcripts and page breaks in extracted PDFs are routine.
  if (cp === ESC && text.charCodeAt(index + 1) === 0x5b) return 'low'
  if (cp === 0x0c) return 'low'
  return 'high'
}

/**
 * Every invisible, control or otherwise suspicious code point in `text`, in order. Tab, LF and CR
 * are never reported; neither are a variation selector right after an emoji / Han base, a ZWJ
 * inside an emoji sequence, or the tag characters of a subdivision flag.
 */
export function scanUnicode(text: string): UnicodeHit[] {
  const hits: UnicodeHit[] = []
  const context: Context = { text, hasRtl: undefined }
  CANDIDATE.lastIndex = 0
  let match: RegExpExecArray | null
  while ((match = CANDIDATE.exec(text)) !== null) {
    const index = match.index
    const cp = text.codePointAt(index) ?? 0
    const width = cp > 0xffff ? 2 : 1
    if (isTag(cp)) {
      const end = tagRunEnd(text, index)
      CANDIDATE.lastIndex = end
      if (isFlagTagSequence(text, index, end)) continue
      for (let i = index; i < end; i += 2) {
        const tag = text.codePointAt(i) ?? 0
        const [name, category] = describe(tag)
        hits.push({ codePoint: tag, name, category, index: i, severity: 'high' })
      }
      continue
    }
    const prev = codePointBefore(text, index)
    if (isVariationSelector(cp) && isLegitVariationSelector(cp, prev)) continue
    if (cp === ZWJ && isEmojiJoiner(text, index, width)) continue
    const [name, category, base] = describe(cp)
    const severity = severityOf(cp, index, width, context, base)
    hits.push({ codePoint: cp, name, category, index, severity })
  }
  return hits
}

/** Distinct code points with counts, most frequent first (ties by code point). */
export function summarizeHits(hits: readonly UnicodeHit[]): UnicodeHitSummary[] {
  const byCodePoint = new Map<number, UnicodeHitSummary>()
  for (const hit of hits) {
    const seen = byCodePoint.get(hit.codePoint)
    if (seen) {
      seen.count++
      // One high-severity occurrence is enough to make the code point high overall.
      if (hit.severity === 'high') seen.severity = 'high'
    } else {
      const { codePoint, name, category, severity } = hit
      byCodePoint.set(codePoint, { codePoint, name, category, severity, count: 1 })
    }
  }
  return [...byCodePoint.values()].sort((a, b) => b.count - a.count || a.codePoint - b.codePoint)
}

/** One line for reports, e.g. `U+200B ZERO WIDTH SPACE ×3, U+202E RIGHT-TO-LEFT OVERRIDE ×1`. */
export function describeHits(hits: readonly UnicodeHit[]): string {
  return summarizeHits(hits)
    .map((s) => `${formatCodePoint(s.codePoint)} ${s.name} ×${s.count}`)
    .join(', ')
}

/** `text` with every reported character replaced by a visible marker such as `⟨U+200B⟩`. */
export function revealInvisible(text: string): string {
  const hits = scanUnicode(text)
  if (hits.length === 0) return text
  let out = ''
  let last = 0
  for (const hit of hits) {
    out += text.slice(last, hit.index) + `⟨${formatCodePoint(hit.codePoint)}⟩`
    last = hit.index + (hit.codePoint > 0xffff ? 2 : 1)
  }
  return out + text.slice(last)
}

/**
 * The ASCII hidden in tag characters (the "ASCII smuggling" trick against LLMs), or '' when none.
 * Subdivision-flag sequences are skipped, like in scanUnicode.
 */
export function decodeTagCharacters(text: string): string {
  let out = ''
  for (const hit of scanUnicode(text)) {
    if (hit.category === 'tag' && hit.codePoint >= 0xe0020 && hit.codePoint <= 0xe007e) {
      out += String.fromCharCode(hit.codePoint - 0xe0000)
    }
  }
  return out
}
