/**
 * Turns untrusted text into a sequence of visible pieces: ordinary characters pass through, while
 * line breaks, tabs and every character a reviewer could not see (controls, bidi overrides,
 * zero-width and tag characters, variation selectors, lone surrogates) become visible markers.
 * Markdown, terminal and SARIF escaping all start from these pieces, so every output shows the
 * same thing for the same row.
 */

export const NEWLINE_MARK = '⏎'
export const TAB_MARK = '⇥'
export const ELLIPSIS = '…'

/**
 * Characters that render as nothing, reorder the text around them (bidi), or drive a terminal.
 * Default_Ignorable_Code_Point covers zero-width characters, Hangul fillers, variation selectors
 * and the whole U+E0000 tag block; U+2800 (Braille blank) is a popular invisible filler it misses.
 */
const HIDDEN =
  /^[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}\u2800]$/u

/** Our own marker glyphs: data containing them literally could impersonate a marker. */
const OUR_GLYPHS = new Set(['⟨', '⟩', NEWLINE_MARK, TAB_MARK])

const PRESENTATION_SELECTORS = new Set(['\ufe0e', '\ufe0f'])
const EMOJI = /^\p{Emoji}$/u

export interface VisiblePiece {
  /** What is displayed: one code point, or a marker such as `⟨U+200B⟩`. */
  text: string
  /** True for markers; they are shown literally and never split by truncation. */
  marker: boolean
}

export interface VisibleText {
  pieces: VisiblePiece[]
  truncated: boolean
}

export function codePointMarker(codePoint: number): string {
  return `⟨U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}⟩`
}

/**
 * Splits `text` into visible pieces whose displayed length stays within `maxLength` code points,
 * including the trailing `…` added when something was cut. A marker is never cut in half.
 */
export function toVisiblePieces(text: string, maxLength = Number.POSITIVE_INFINITY): VisibleText {
  const pieces: VisiblePiece[] = []
  let length = 0
  let previous = ''
  // Each piece shows at least one code point, so a row of megabytes needs only its start; the
  // slice keeps more than maxLength pieces so truncation is still detected.
  const characters = Array.from(
    Number.isFinite(maxLength) ? text.slice(0, 2 * Math.max(0, maxLength) + 4) : text
  )
  for (let index = 0; index < characters.length; index += 1) {
    const character = characters[index]
    let piece: VisiblePiece
    if (character === '\r' && characters[index + 1] === '\n') {
      index += 1
      piece = { text: NEWLINE_MARK, marker: true }
    } else {
      piece = visiblePiece(character, previous)
    }
    const pieceLength = piece.marker ? Array.from(piece.text).length : 1
    const isLast = index === characters.length - 1
    const room = isLast ? maxLength : maxLength - 1
    if (length + pieceLength > room) {
      pieces.push({ text: ELLIPSIS, marker: true })
      return { pieces, truncated: true }
    }
    pieces.push(piece)
    length += pieceLength
    previous = character
  }
  return { pieces, truncated: false }
}

function visiblePiece(character: string, previous: string): VisiblePiece {
  if (character === '\n') return { text: NEWLINE_MARK, marker: true }
  if (character === '\t') return { text: TAB_MARK, marker: true }
  // A single text/emoji presentation selector after an emoji is how ❤️ is spelled; anything else
  // (a run of selectors, one after a letter) can smuggle data, so it is shown.
  if (PRESENTATION_SELECTORS.has(character) && EMOJI.test(previous)) {
    return { text: character, marker: false }
  }
  if (HIDDEN.test(character) || OUR_GLYPHS.has(character)) {
    return { text: codePointMarker(character.codePointAt(0) ?? 0), marker: true }
  }
  return { text: character, marker: false }
}

/** Visible text as a plain string (for terminals and SARIF, where no markup applies). */
export function visibleString(text: string, maxLength?: number): string {
  return toVisiblePieces(text, maxLength)
    .pieces.map((piece) => piece.text)
    .join('')
}
