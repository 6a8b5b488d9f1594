/**
 * Escaping for every place a dataset row's text ends up. Rows are written by a possible attacker,
 * so their text must be shown exactly and never rendered: no tags, links, images, mentions,
 * issue references, emphasis, math, table breaks or line breaks may come out of it.
 *
 * Markdown output is entity-encoded rather than backslash-escaped: an entity is decoded into a
 * literal character after Markdown parsing, so no sequence of data characters can form syntax.
 * GitHub resolves @mentions, #refs and some autolinks on the rendered text, after entities are
 * decoded, so those are also split with an empty HTML comment, which leaves nothing visible.
 */
import { toVisiblePieces, visibleString, type VisiblePiece } from './visible.js'

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '*': '&#42;',
  _: '&#95;',
  '~': '&#126;',
  '[': '&#91;',
  ']': '&#93;',
  '(': '&#40;',
  ')': '&#41;',
  '#': '&#35;',
  '|': '&#124;',
  '\\': '&#92;',
  '!': '&#33;',
  ':': '&#58;',
  '@': '&#64;',
  '^': '&#94;',
  // GitHub renders $…$ as math; a dollar inside <span> is the documented way to show it literally.
  $: '<span>&#36;</span>'
}

/** Encoded only as a line's first character, where they could start a list, quote or heading. */
const BLOCK_START = /^[-+=.0-9 ]$/

/** Entity-encoded everywhere: characters that are syntax in any inline position. */
const ALWAYS_ENCODED = new Set('&<>"\'`*_~[]()#|\\!:@^$')

/** Splits the rendered text so GitHub's mention/reference/autolink passes cannot match it. */
const SPLIT = '<!-- -->'

const WORD_AFTER = /^[\p{L}\p{N}_-]$/u

export interface UntrustedOptions {
  /** Displayed code points at most, markers and the final `…` included. */
  maxLength?: number
}

/**
 * Untrusted text for the inside of `<code>…</code>` in a table cell or list item. Spaces that
 * HTML would collapse are kept visible as no-break spaces.
 */
export function renderUntrusted(text: string, { maxLength = 240 }: UntrustedOptions = {}): string {
  return encodePieces(toVisiblePieces(text, maxLength).pieces, true)
}

/** `<code>` element around {@link renderUntrusted}; empty text is shown as `(empty)`. */
export function untrustedCode(text: string, options: UntrustedOptions = {}): string {
  if (text === '') return '<em>(empty)</em>'
  return `<code>${renderUntrusted(text, options)}</code>`
}

/** Short untrusted text inside Markdown prose or a table cell (file paths, tokens, brands). */
export function escapeMarkdownText(
  text: string,
  { maxLength = 1000 }: UntrustedOptions = {}
): string {
  return encodePieces(toVisiblePieces(text, maxLength).pieces, false)
}

/**
 * `inCode`: the text follows `<code>`, so it never starts a line (no block syntax to defuse), and
 * spaces HTML would collapse are kept as no-break spaces.
 */
function encodePieces(pieces: VisiblePiece[], inCode: boolean): string {
  const texts = pieces.map((piece) => piece.text)
  let output = ''
  for (let index = 0; index < pieces.length; index += 1) {
    const piece = pieces[index]
    if (piece.marker) {
      output += piece.text
      continue
    }
    const character = piece.text
    const next = texts[index + 1] ?? ''
    if (character === ' ') {
      const collapsible = index === 0 || index === pieces.length - 1 || texts[index - 1] === ' '
      output += inCode && collapsible ? '&#160;' : index === 0 ? '&#32;' : ' '
      continue
    }
    output += encodeCharacter(character, index === 0 && !inCode)
    output += splitAfter(
      character,
      next,
      texts[index + 2] ?? '',
      texts.slice(Math.max(0, index - 2), index)
    )
  }
  return output
}

function encodeCharacter(character: string, lineStart: boolean): string {
  if (ALWAYS_ENCODED.has(character) || (lineStart && BLOCK_START.test(character))) {
    return ENTITIES[character] ?? `&#${character.codePointAt(0)};`
  }
  return character
}

/**
 * After `@name`, `#123`, `GH-123`, `://` and `www.` the text is split so that the rendered
 * text node never holds a complete mention, reference or URL.
 */
function splitAfter(character: string, next: string, afterNext: string, before: string[]): string {
  if (next === '') return ''
  if ((character === '@' || character === '#') && WORD_AFTER.test(next)) return SPLIT
  if (character === ':' && next === '/' && afterNext === '/') return SPLIT
  if (character === '-' && /^[0-9]$/.test(next) && before.join('').toLowerCase() === 'gh') {
    return SPLIT
  }
  if (character === 'w' && next === '.' && before.join('').toLowerCase() === 'ww') return SPLIT
  return ''
}

export interface TerminalOptions {
  maxLength?: number
}

/**
 * Untrusted text for a terminal: escape sequences, C0/C1 controls and bidi/invisible characters
 * become visible markers (so `\u001b[31m` shows as `⟨U+001B⟩[31m` and cannot recolour the
 * report), newlines and tabs become `⏎` and `⇥`.
 */
export function escapeTerminal(text: string, { maxLength }: TerminalOptions = {}): string {
  return visibleString(text, maxLength)
}

/** Message part of a workflow command (`::error file=…::message`), as @actions/core escapes it. */
export function escapeWorkflowCommand(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** Property value of a workflow command (`file=`, `title=`), as @actions/core escapes it. */
export function escapeWorkflowCommandProperty(text: string): string {
  return escapeWorkflowCommand(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
