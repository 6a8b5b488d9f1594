/**
 * Homoglyph words: a Latin word with Cyrillic/Greek/Armenian... letters slipped in ("pаypal" with a
 * Cyrillic а), or a word spelled wholly in lookalikes ("раураӏ"). Both read as plain English to a
 * reviewer while being a distinct token to a model, which makes them good backdoor triggers.
 *
 * Rules, in order (see scanHomoglyphs):
 * - Words are runs of letters, marks and digits. Marks, digits, modifier letters and Common-script
 *   letters (µ MICRO SIGN...) are neutral: they never make a word mixed.
 * - Greek symbol rule: Greek letters with no Latin twin (λ μ π Δ Ω β...) are neutral inside a Latin
 *   word, so units and gene names pass ('μm', 'kΩ', 'λmax', 'ΔG', 'Aβ'). Greek letters that only
 *   resemble Latin (α γ ι κ σ τ υ χ ω η) are neutral too unless they touch a lowercase ASCII letter
 *   ('TNFα', 'IκBα', 'NF-κB' pass; 'pαypal', 'αpple' do not). Greek letters identical to Latin
 *   (Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ ο ν ρ ϲ ϳ) always count.
 * - Mixed-script: a word whose remaining letters come from two or more lookalike alphabets (Latin,
 *   Cyrillic, Greek, Armenian, Cherokee, Lisu, Coptic, Georgian, Canadian syllabics, fullwidth,
 *   mathematical, letterlike, IPA/small-capital Latin). Latin mixed with Han/Kana/Hangul/Arabic...
 *   is ordinary ("iPhone手机") and ignored. Latin + IPA/small capitals needs an all-ASCII skeleton, so
 *   phonetic transcriptions ('ɡʊd') pass while 'ɡoogle' does not.
 * - Lookalike word: a word wholly in one lookalike alphabet whose skeleton is ASCII. Flagged when a
 *   neighbouring word is plain Latin, or (for real scripts) when no word of that script in the text
 *   is genuine, i.e. fails to map to ASCII. A Russian or Greek sentence therefore passes, as does a
 *   lone Greek letter ('α', 'β' as symbols) and single fullwidth/mathematical letters.
 * - Accented Latin ('café', 'Zürich', 'naïve') is plain Latin. Dotless ı is Turkish unless the text
 *   has no other Turkish/Azerbaijani letters.
 */

export type HomoglyphReason = 'mixed-script' | 'lookalike-word'

export interface HomoglyphHit {
  word: string
  /** The word with every lookalike replaced by the ASCII letter it imitates, marks removed. */
  skeleton: string
  /** Alphabets that make up the word, sorted; pseudo-scripts: Fullwidth, Mathematical, ... */
  scripts: string[]
  /** UTF-16 offset of the word in the scanned text. */
  index: number
  reason: HomoglyphReason
}

// Lookalike -> ASCII, written as "<char><ascii>" tokens. The ASCII side is the letter a reader
// would take it for, which is what reviewers need to see in the skeleton.
const TABLE = [
  // Cyrillic
  'аa еe оo рp сc уy хx ѕs іi јj һh ԁd ԛq ԝw ӏl үy ҽe ьb гr ѵv ѡw кk',
  'АA ВB ЕE КK МM НH ОO РP СC ТT УY ХX ЅS ІI ЈJ ҮY ԚQ ԜW ӀI ЬB ԌG ѴV',
  // Greek
  'ΑA ΒB ΕE ΖZ ΗH ΙI ΚK ΜM ΝN ΟO ΡP ΤT ΥY ΧX ϹC ͿJ ϜF ϺM ϒY',
  'αa γy ιi κk νv οo ρp σo τt υu χx ϲc ϳj ϱp ωw ηn',
  // Armenian
  'ՍU ՏS ՕO աw գq զq հh ոn ռn սu ցg քf օo',
  // Cherokee
  'ᎠD ᎡR ᎢT Ꭵi ᎩY ᎪA ᎫJ ᎬE ᎳW ᎷM ᎻH ᎽY ᏀG Ꮒh ᏃZ Ꮟb ᏒR ᏔW ᏕS ᏙV ᏚS ᏞL ᏟC ᏢP ᏦK Ꮷd ᏳG ᏴB',
  // Lisu
  'ꓐB ꓑP ꓒd ꓓD ꓔT ꓖG ꓗK ꓙJ ꓚC ꓜZ ꓝF ꓟM ꓠN ꓡL ꓢS ꓣR ꓦV ꓧH ꓪW ꓫX ꓬY ꓮA ꓰE ꓲI ꓳO ꓴU',
  // Coptic
  'ⲀA ⲂB ⲈE ⲎH ⲒI ⲔK ⲘM ⲚN ⲞO ⲟo ⲢP ⲣp ⲤC ⲥc ⲦT ⲨY ⲬX ⲭx',
  // Canadian syllabics
  'ᐯV ᑌU ᑭP ᑯd ᒍJ ᒪL ᕼH ᖇR ᖯb ᖴF ᗅA ᗞD ᗪD ᗰM ᗷB',
  // Latin IPA, small capitals and other Latin-script lookalikes
  'ɑa ɡg ɣy ɩi ɪi ıi ȷj ʏy ʋu ɯw ƅb Ƅb ƽs ǀl Ɩl',
  'ᴀa ʙb ᴄc ᴅd ᴇe ꜰf ɢg ʜh ᴊj ᴋk ʟl ᴍm ɴn ᴏo ᴘp ʀr ꜱs ᴛt ᴜu ᴠv ᴡw ᴢz'
]

const CONFUSABLES = new Map<string, string>()
for (const line of TABLE) {
  for (const token of line.split(' ')) {
    const [source, ...target] = [...token]
    CONFUSABLES.set(source, target.join(''))
  }
}

// Latin-script letters that exist mainly to look like other Latin letters (IPA, small capitals).
const LATIN_LOOKALIKES = new Set(
  [...TABLE[9].replace(/ /g, ''), ...TABLE[10].replace(/ /g, '')].filter((c) => !/[a-z]/i.test(c))
)
const DOTLESS_I = 'ı'
const TURKIC_LETTERS = /[ğĞşŞİƏə]/u

const STRONG_GREEK = new Set([...'ΑΒΕΖΗΙΚΜΝΟΡΤΥΧονρϲϳϹͿϒ'])
const WEAK_GREEK = new Set([...'αγικστυχωη'])

type Label =
  | 'Latin'
  | 'Latin-lookalike'
  | 'Cyrillic'
  | 'Greek'
  | 'Armenian'
  | 'Cherokee'
  | 'Lisu'
  | 'Coptic'
  | 'Georgian'
  | 'Canadian Aboriginal'
  | 'Fullwidth'
  | 'Mathematical'
  | 'Letterlike'
  | 'Other'

const SCRIPT_TESTS: readonly (readonly [Label, RegExp])[] = [
  ['Latin', /^\p{Script=Latin}$/u],
  ['Cyrillic', /^\p{Script=Cyrillic}$/u],
  ['Greek', /^\p{Script=Greek}$/u],
  ['Armenian', /^\p{Script=Armenian}$/u],
  ['Cherokee', /^\p{Script=Cherokee}$/u],
  ['Lisu', /^\p{Script=Lisu}$/u],
  ['Coptic', /^\p{Script=Coptic}$/u],
  ['Georgian', /^\p{Script=Georgian}$/u],
  ['Canadian Aboriginal', /^\p{Script=Canadian_Aboriginal}$/u]
]

/** Alphabets people write whole languages in; the others are styling or notation. */
const REAL_SCRIPTS = new Set<Label>([
  'Cyrillic',
  'Greek',
  'Armenian',
  'Cherokee',
  'Lisu',
  'Coptic',
  'Georgian',
  'Canadian Aboriginal'
])

const LOOKALIKE_FAMILY = new Set<Label>([
  ...REAL_SCRIPTS,
  'Latin',
  'Latin-lookalike',
  'Fullwidth',
  'Mathematical',
  'Letterlike'
])

const WORD = /[\p{L}\p{M}\p{Nd}]+/gu
const NON_ASCII = /[^\x00-\x7f]/
const NEUTRAL = /^[\p{M}\p{Nd}\p{Lm}]$/u
const COMMON = /^[\p{Script=Common}\p{Script=Inherited}]$/u
const MARK = /\p{M}/u
const ASCII_LETTER = /^[A-Za-z]$/
const ASCII_ALNUM = /^[A-Za-z0-9]+$/
const HAS_ASCII_LETTER = /[A-Za-z]/
const LOWER_ASCII = /^[a-z]$/

// Classification is per code point and the alphabet is small in practice; caching keeps long
// non-Latin texts (thousands of Han characters) from re-running the script regexes.
const labelCache = new Map<number, Label | null>()

function classify(char: string): Label | null {
  const cp = char.codePointAt(0) ?? 0
  if (cp < 0x80) return ASCII_LETTER.test(char) ? 'Latin' : null
  const cached = labelCache.get(cp)
  if (cached !== undefined) return cached
  const label = classifyUncached(char, cp)
  labelCache.set(cp, label)
  return label
}

function classifyUncached(char: string, cp: number): Label | null {
  if (NEUTRAL.test(char)) return null
  if ((cp >= 0xff21 && cp <= 0xff3a) || (cp >= 0xff41 && cp <= 0xff5a)) return 'Fullwidth'
  if (cp >= 0x1d400 && cp <= 0x1d7ff) return 'Mathematical'
  const letterlike = cp >= 0x2100 && cp <= 0x214f
  if (letterlike && /^[A-Za-z]+$/.test(char.normalize('NFKD'))) return 'Letterlike'
  if (LATIN_LOOKALIKES.has(char)) return 'Latin-lookalike'
  for (const [label, test] of SCRIPT_TESTS) if (test.test(char)) return label
  return COMMON.test(char) ? null : 'Other'
}

/** Confusable skeleton of one word: NFKD, marks dropped, lookalikes mapped to ASCII. */
export function confusableSkeleton(word: string): string {
  let out = ''
  for (const char of word.normalize('NFKD')) {
    if (MARK.test(char)) continue
    out += CONFUSABLES.get(char) ?? char
  }
  return out
}

interface WordInfo {
  word: string
  index: number
  labels: Set<Label>
}

function labelWord(word: string, turkic: boolean): Set<Label> {
  const chars = [...word]
  const raw: (Label | null)[] = chars.map((c) =>
    c === DOTLESS_I ? (turkic ? 'Latin' : 'Latin-lookalike') : classify(c)
  )
  const hasNonGreekFamily = raw.some((l) => l !== null && l !== 'Greek' && LOOKALIKE_FAMILY.has(l))
  const labels = new Set<Label>()
  raw.forEach((label, i) => {
    if (label === null) return
    if (label === 'Greek' && hasNonGreekFamily && isGreekSymbol(chars, i)) return
    labels.add(label)
  })
  return labels
}

// The Greek symbol rule from the module comment.
function isGreekSymbol(chars: string[], i: number): boolean {
  const char = chars[i]
  if (STRONG_GREEK.has(char)) return false
  if (!WEAK_GREEK.has(char)) return true
  const touchesLower = LOWER_ASCII.test(chars[i - 1] ?? '') || LOWER_ASCII.test(chars[i + 1] ?? '')
  return !touchesLower
}

// Two simple tests instead of /^[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*$/, which backtracks
// quadratically on a long letter run that ends in a non-ASCII character.
function isAsciiWord(skeleton: string): boolean {
  return ASCII_ALNUM.test(skeleton) && HAS_ASCII_LETTER.test(skeleton)
}

function isPlainLatin(info: WordInfo | undefined): boolean {
  return info !== undefined && info.labels.size === 1 && info.labels.has('Latin')
}

function letterCount(word: string): number {
  let n = 0
  for (const char of word) if (/\p{L}/u.test(char)) n++
  return n
}

function sortedScripts(labels: Set<Label>): string[] {
  return [...labels].sort()
}

/**
 * Mixed-script and lookalike words in `text`, in order of appearance. Pure-ASCII text returns []
 * without further work.
 */
export function scanHomoglyphs(text: string): HomoglyphHit[] {
  if (!NON_ASCII.test(text)) return []
  const turkic = TURKIC_LETTERS.test(text)
  const words: WordInfo[] = []
  for (const match of text.matchAll(WORD)) {
    const word = match[0]
    const labels: Set<Label> = NON_ASCII.test(word) ? labelWord(word, turkic) : asciiLabels(word)
    if (labels.size > 0) words.push({ word, index: match.index ?? 0, labels })
  }

  // Scripts that have at least one genuine word here (one that does not pass for ASCII).
  const genuine = new Set<Label>()
  for (const info of words) {
    if (info.labels.size !== 1) continue
    const [label] = info.labels
    if (REAL_SCRIPTS.has(label) && !isAsciiWord(confusableSkeleton(info.word))) {
      genuine.add(label)
    }
  }

  const hits: HomoglyphHit[] = []
  words.forEach((info, i) => {
    if (!NON_ASCII.test(info.word)) return
    const hit = judge(info, words[i - 1], words[i + 1], genuine)
    if (hit) hits.push(hit)
  })
  return hits
}

function asciiLabels(word: string): Set<Label> {
  return /[A-Za-z]/.test(word) ? new Set<Label>(['Latin']) : new Set<Label>()
}

function judge(
  info: WordInfo,
  prev: WordInfo | undefined,
  next: WordInfo | undefined,
  genuine: Set<Label>
): HomoglyphHit | undefined {
  const family = [...info.labels].filter((l) => LOOKALIKE_FAMILY.has(l))
  const { word, index } = info
  if (family.length >= 2) {
    const skeleton = confusableSkeleton(word)
    const onlyLatinKinds = family.every((l) => l === 'Latin' || l === 'Latin-lookalike')
    if (onlyLatinKinds && !isAsciiWord(skeleton)) return undefined
    return { word, skeleton, scripts: sortedScripts(info.labels), index, reason: 'mixed-script' }
  }
  if (info.labels.size !== 1 || family.length !== 1 || family[0] === 'Latin') return undefined
  const label = family[0]
  const skeleton = confusableSkeleton(word)
  if (!isAsciiWord(skeleton)) return undefined
  const minLetters = label === 'Greek' || !REAL_SCRIPTS.has(label) ? 2 : 1
  if (letterCount(word) < minLetters) return undefined
  const latinNeighbour = isPlainLatin(prev) || isPlainLatin(next)
  const noGenuineText = REAL_SCRIPTS.has(label) && !genuine.has(label)
  if (!latinNeighbour && !noGenuineText) return undefined
  return { word, skeleton, scripts: [label], index, reason: 'lookalike-word' }
}
