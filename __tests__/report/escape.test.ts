import fc from 'fast-check'
import {
  escapeMarkdownText,
  escapeTerminal,
  escapeWorkflowCommand,
  escapeWorkflowCommandProperty,
  renderUntrusted,
  untrustedCode
} from '../../src/report/escape.js'
import { HOSTILE_TEXTS } from './sample-report.js'
import { decodeEntities, markdownProblems, withoutOwnTags } from './markdown-safety.js'

/** Any code point, lone surrogates included, plus the fragments attackers reach for. */
const codePoint = fc
  .integer({ min: 0, max: 0x10ffff })
  .map((cp) => (cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp)))
const fragment = fc.oneof(
  fc.constantFrom(
    ...HOSTILE_TEXTS,
    '@',
    '#1',
    '://',
    'www.',
    'GH-1',
    '\r\n',
    '\r',
    '$',
    '`',
    '⟨',
    '⏎',
    '\u00a0',
    '\u2764\ufe0f',
    '\ufe0f\ufe0f',
    ' ',
    '  '
  ),
  fc.string({ unit: codePoint, maxLength: 8 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 8 })
)
const hostileString = fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join(''))

/** Reverses the display mapping, to prove nothing was lost or invented. */
function undoMarkers(text: string): string {
  return text.replace(/⟨U\+([0-9A-F]{4,6})⟩|⏎|⇥/g, (marker, hex: string | undefined) => {
    if (marker === '⏎') return '\n'
    if (marker === '⇥') return '\t'
    const cp = parseInt(hex ?? '', 16)
    return cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp)
  })
}

function decodeRendered(markdown: string): string {
  return undoMarkers(decodeEntities(withoutOwnTags(markdown).replace(/&#160;/g, ' ')))
}

const SYNTAX = /[<>&"'`*_~[\]()#|\\!:@^$\r\n\t]/u

function displayLength(text: string): number {
  return Array.from(text).length
}

describe('renderUntrusted', () => {
  it.each(HOSTILE_TEXTS)('shows %j without live markup', (text) => {
    const html = `<code>${renderUntrusted(text)}</code>`
    expect(markdownProblems(html)).toEqual([])
    expect(decodeRendered(html)).toBe(text.replace(/\r\n/g, '\n'))
  })

  it('closes no backtick span, whatever the run length', () => {
    for (let run = 1; run <= 12; run += 1) {
      const ticks = '`'.repeat(run)
      expect(renderUntrusted(`${ticks}x${ticks}</code>`)).not.toMatch(/[`<]/)
    }
  })

  it('cannot reproduce our hidden marker', () => {
    const out = renderUntrusted('<!-- dataset-gate:summary -->')
    expect(out).not.toContain('<!--')
    expect(out).toBe('&lt;&#33;-- dataset-gate&#58;summary --&gt;')
  })

  it('splits mentions, references and autolinks', () => {
    expect(renderUntrusted('@octocat #1 https://x.y www.x.y gh-2')).toBe(
      '&#64;<!-- -->octocat &#35;<!-- -->1 https&#58;<!-- -->//x.y www<!-- -->.x.y gh-<!-- -->2'
    )
  })

  it('shows line breaks, tabs and hidden characters as markers', () => {
    expect(renderUntrusted('a\nb\r\nc\td\u200be\u202ef\u{e0041}g\u0000h\u009bi\ud800')).toBe(
      'a⏎b⏎c⇥d⟨U+200B⟩e⟨U+202E⟩f⟨U+E0041⟩g⟨U+0000⟩h⟨U+009B⟩i⟨U+D800⟩'
    )
  })

  it('keeps an emoji presentation selector but shows smuggled selectors', () => {
    expect(renderUntrusted('\u2764\ufe0f')).toBe('\u2764\ufe0f')
    expect(renderUntrusted('a\ufe0f')).toBe('a⟨U+FE0F⟩')
    expect(renderUntrusted('\u2764\ufe0f\ufe01')).toBe('\u2764\ufe0f⟨U+FE01⟩')
  })

  it('shows our own marker glyphs as markers so data cannot fake them', () => {
    expect(renderUntrusted('⟨U+200B⟩ ⏎')).toBe('⟨U+27E8⟩U+200B⟨U+27E9⟩ ⟨U+23CE⟩')
  })

  it('keeps spaces that HTML would collapse', () => {
    expect(renderUntrusted(' a  b ')).toBe('&#160;a &#160;b&#160;')
  })

  it('encodes a first character of prose that could start a block', () => {
    expect(escapeMarkdownText('1. x')).toBe('&#49;. x')
    expect(escapeMarkdownText('- x')).toBe('&#45; x')
    expect(escapeMarkdownText(' x')).toBe('&#32;x')
    expect(renderUntrusted('1. x')).toBe('1. x')
    expect(escapeMarkdownText('> x')).toBe('&gt; x')
  })

  it('truncates on a code-point boundary with an ellipsis, never inside a marker', () => {
    expect(renderUntrusted('😀😀😀😀', { maxLength: 3 })).toBe('😀😀…')
    expect(renderUntrusted('ab\u200bcd', { maxLength: 5 })).toBe('ab…')
    expect(renderUntrusted('abc', { maxLength: 3 })).toBe('abc')
  })

  it('renders an empty value visibly', () => {
    expect(untrustedCode('')).toBe('<em>(empty)</em>')
    expect(untrustedCode('x')).toBe('<code>x</code>')
  })

  it('property: no syntax character survives, and decoding gives the input back', () => {
    fc.assert(
      fc.property(hostileString, (text) => {
        const out = renderUntrusted(text, { maxLength: 100000 })
        const bare = withoutOwnTags(out).replace(/&(#\d+|[a-z]+);/g, '')
        expect(bare).not.toMatch(SYNTAX)
        expect(bare).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u)
        expect(markdownProblems(`<code>${out}</code>`)).toEqual([])
        expect(decodeRendered(out)).toBe(text.replace(/\r\n/g, '\n'))
      }),
      { numRuns: 500 }
    )
  })

  it('property: the displayed length stays within maxLength', () => {
    fc.assert(
      fc.property(hostileString, fc.integer({ min: 1, max: 40 }), (text, maxLength) => {
        const shown = decodeRendered(renderUntrusted(text, { maxLength }))
        const display = decodeEntities(
          withoutOwnTags(renderUntrusted(text, { maxLength }))
        ).replace(/&#160;/g, ' ')
        expect(displayLength(display)).toBeLessThanOrEqual(maxLength)
        if (!display.endsWith('…')) expect(shown).toBe(text.replace(/\r\n/g, '\n'))
      }),
      { numRuns: 300 }
    )
  })
})

describe('escapeMarkdownText', () => {
  it.each(HOSTILE_TEXTS)('keeps %j inert in prose', (text) => {
    expect(markdownProblems(`- ${escapeMarkdownText(text)}`)).toEqual([])
  })

  it('property: inert and lossless in prose', () => {
    fc.assert(
      fc.property(hostileString, (text) => {
        const out = escapeMarkdownText(text, { maxLength: 100000 })
        const bare = withoutOwnTags(out).replace(/&(#\d+|[a-z]+);/g, '')
        expect(bare).not.toMatch(SYNTAX)
        expect(markdownProblems(`Prose ${out} prose`)).toEqual([])
        expect(undoMarkers(decodeEntities(withoutOwnTags(out)))).toBe(text.replace(/\r\n/g, '\n'))
      }),
      { numRuns: 300 }
    )
  })
})

describe('escapeTerminal', () => {
  it('defuses ANSI escapes, C1 controls and bidi overrides', () => {
    expect(escapeTerminal('\u001b[31mred\u001b[0m')).toBe('⟨U+001B⟩[31mred⟨U+001B⟩[0m')
    expect(escapeTerminal('\u009b2J\u202eevil\u0007\r\n')).toBe('⟨U+009B⟩2J⟨U+202E⟩evil⟨U+0007⟩⏎')
    expect(escapeTerminal('\u001b]8;;https://x\u0007link\u001b]8;;\u0007')).not.toContain('\u001b')
  })

  it('property: no control, format or separator character reaches the terminal', () => {
    fc.assert(
      fc.property(hostileString, (text) => {
        const out = escapeTerminal(text)
        expect(out).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u)
        expect(undoMarkers(out)).toBe(text.replace(/\r\n/g, '\n'))
      }),
      { numRuns: 300 }
    )
  })
})

describe('escapeWorkflowCommand', () => {
  it('encodes what would start a new workflow command', () => {
    expect(escapeWorkflowCommand('a%0A\n::set-output name=x::y\r')).toBe(
      'a%250A%0A::set-output name=x::y%0D'
    )
    expect(escapeWorkflowCommandProperty('data/a:b,c%\n.csv')).toBe('data/a%3Ab%2Cc%25%0A.csv')
  })

  it('property: one line, and decodable back to the input', () => {
    fc.assert(
      fc.property(hostileString, (text) => {
        const message = escapeWorkflowCommand(text)
        const property = escapeWorkflowCommandProperty(text)
        expect(message).not.toMatch(/[\r\n]/)
        expect(property).not.toMatch(/[\r\n:,]/)
        const decode = (value: string): string =>
          value.replace(/%(25|0D|0A|3A|2C)/g, (_match, code: string) =>
            String.fromCharCode(parseInt(code, 16))
          )
        expect(decode(message)).toBe(text)
        expect(decode(property)).toBe(text)
      }),
      { numRuns: 300 }
    )
  })
})

describe('very long rows', () => {
  it('reads only the start of a huge row', () => {
    const huge = 'a'.repeat(5_000_000)
    const started = Date.now()
    expect(renderUntrusted(huge, { maxLength: 10 })).toBe('aaaaaaaaa…')
    expect(escapeTerminal('\r\n'.repeat(100), { maxLength: 5 })).toBe('⏎⏎⏎⏎…')
    expect(renderUntrusted('😀'.repeat(20), { maxLength: 20 })).toBe('😀'.repeat(20))
    expect(renderUntrusted('😀'.repeat(21), { maxLength: 20 })).toBe(`${'😀'.repeat(19)}…`)
    expect(Date.now() - started).toBeLessThan(1000)
  })
})
