/**
 * Properties that must hold for any input an attacker can write: the escapers leave nothing live
 * in Markdown, terminals or workflow commands, and the readers turn arbitrary bytes into rows and
 * problems without throwing, located inside the file, in order, whatever the chunking.
 */
import fc from 'fast-check'
import { readDelimited } from '../../src/formats/csv.js'
import { readJsonl } from '../../src/formats/jsonl.js'
import {
  escapeMarkdownText,
  escapeTerminal,
  escapeWorkflowCommand,
  escapeWorkflowCommandProperty,
  renderUntrusted
} from '../../src/report/escape.js'
import type { ReadEvent } from '../../src/types.js'

/** 200 keeps the suite fast; HARDENING_RUNS=20000 for a longer hunt. */
const RUNS = { numRuns: Number(process.env.HARDENING_RUNS ?? 200) }

// ---------------------------------------------------------------------------------------------
// Escapers

const codePoint = fc
  .integer({ min: 0, max: 0x10ffff })
  .map((cp) => (cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp)))
const hostileFragment = fc.oneof(
  fc.constantFrom(
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '</code><b>',
    '<!-- dataset-gate:summary -->',
    '<!-- dataset-gate',
    '<!--',
    '-->',
    '<',
    '>',
    '[link](https://evil.example)',
    '![img](https://evil.example/x.png)',
    '[ref]: https://evil.example',
    '](',
    '![',
    '@octocat',
    '@org/team',
    '@',
    'a@b.co',
    '&lt;b&gt;',
    '&#60;',
    '&',
    '`',
    '```',
    '\\',
    '\u202e',
    '\u2066',
    '\u200f',
    '\u061c',
    '\u001b[31m',
    '\u009b',
    '\u0000',
    '\r\n',
    '\r',
    '\n',
    '%0A',
    '%25',
    '::error::',
    ':',
    ',',
    ' '
  ),
  fc.string({ unit: codePoint, maxLength: 6 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 6 })
)
const hostile = fc.array(hostileFragment, { maxLength: 14 }).map((parts) => parts.join(''))
const maxLength = fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined })

/** Tags our Markdown escaping writes itself; anything else that looks like a tag is live HTML. */
const OWN_TAGS = ['<!-- -->', '<span>', '</span>']

function withoutOwnTags(markdown: string): string {
  let text = markdown
  for (const tag of OWN_TAGS) text = text.split(tag).join('')
  return text
}

function decode(text: string): string {
  return text.replace(
    /&#(\d+);|&(amp|lt|gt|quot);/g,
    (_, code: string | undefined, name: string) =>
      code !== undefined
        ? String.fromCodePoint(Number(code))
        : ({ amp: '&', lt: '<', gt: '>', quot: '"' } as Record<string, string>)[name]
  )
}

/** Characters a reader cannot see, or that reorder or drive what is around them. */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u

function markdownProblems(markdown: string): string[] {
  const problems: string[] = []
  const raw = withoutOwnTags(markdown)
  if (/[<>]/.test(raw)) problems.push('live HTML')
  if (/[[\]`]/.test(raw) || raw.includes('](')) problems.push('link, image or code syntax')
  if (markdown.includes('<!-- dataset-gate')) problems.push('our marker')
  if (HIDDEN.test(markdown)) problems.push('raw control or bidi character')
  // GitHub finds mentions in the text between tags, after entities are decoded.
  for (const node of markdown.split(/<[^>]*>/).map(decode)) {
    if (/(^|[^\w`])@[A-Za-z0-9]/.test(node)) problems.push(`mention in ${JSON.stringify(node)}`)
  }
  return problems
}

describe('escapers (property-based)', () => {
  it('the checks themselves catch the raw hostile text', () => {
    for (const raw of [
      '<b>x</b>',
      '[a](b)',
      '![a](b)',
      'hi @octocat',
      '\u202e',
      '<!-- dataset-gate'
    ]) {
      expect(markdownProblems(raw)).not.toEqual([])
    }
  })

  it('renderUntrusted leaves no tag, link, mention, marker or hidden character', () => {
    fc.assert(
      fc.property(hostile, maxLength, (text, max) => {
        expect(markdownProblems(renderUntrusted(text, { maxLength: max }))).toEqual([])
      }),
      RUNS
    )
  })

  it('escapeMarkdownText leaves no tag, link, mention, marker or hidden character', () => {
    fc.assert(
      fc.property(hostile, maxLength, (text, max) => {
        expect(markdownProblems(escapeMarkdownText(text, { maxLength: max }))).toEqual([])
      }),
      RUNS
    )
  })

  it('escapeTerminal lets no control, escape or bidi character through, and stays one line', () => {
    fc.assert(
      fc.property(hostile, maxLength, (text, max) => {
        const shown = escapeTerminal(text, { maxLength: max })
        expect(shown).not.toMatch(HIDDEN)
        expect(shown).not.toMatch(/[\u0080-\u009f\u2028\u2029]/u)
      }),
      RUNS
    )
  })

  it('escapeWorkflowCommand keeps the message on one line and decodes back to the input', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const message = escapeWorkflowCommand(text)
        expect(message).not.toMatch(/[\r\n]/)
        expect(message.replace(/%(25|0D|0A)/g, '')).not.toContain('%')
        const decoded = message.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
        expect(decoded).toBe(text)
      }),
      RUNS
    )
  })

  it('escapeWorkflowCommandProperty also keeps : and , from ending the property', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        expect(escapeWorkflowCommandProperty(text)).not.toMatch(/[\r\n:,]/)
      }),
      RUNS
    )
  })
})

// ---------------------------------------------------------------------------------------------
// Readers

const byteFragment = fc.oneof(
  fc
    .constantFrom(
      '{',
      '}',
      '[',
      ']',
      '"',
      '""',
      ',',
      ':',
      '\\',
      '\t',
      '\n',
      '\r\n',
      '\r',
      ' ',
      'a',
      'label',
      '1',
      'null',
      'é',
      '😀',
      '{"a": 1}',
      '{"text": "x", "label": 0}\n',
      'text,label\n',
      '"q,uoted",1\n',
      '\ufeff'
    )
    .map((text) => Buffer.from(text)),
  fc.constantFrom(
    Buffer.from([0x00]),
    Buffer.from([0xff]),
    Buffer.from([0xc3]),
    Buffer.from([0xe2, 0x82]),
    Buffer.from([0xef, 0xbb, 0xbf])
  ),
  fc.uint8Array({ maxLength: 12 }).map((bytes) => Buffer.from(bytes))
)
const fileBytes = fc.array(byteFragment, { maxLength: 40 }).map((parts) => Buffer.concat(parts))
/** Where the byte stream is cut into chunks, as fractions of its length. */
const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 })

function chunks(bytes: Buffer, fractions: number[]): AsyncIterable<Buffer> {
  const points = [...new Set(fractions.map((f) => Math.floor(f * bytes.length)))].sort(
    (a, b) => a - b
  )
  return (async function* () {
    let start = 0
    for (const point of [...points, bytes.length]) {
      if (point > start) yield bytes.subarray(start, point)
      start = Math.max(start, point)
    }
  })()
}

async function collect(events: AsyncIterable<ReadEvent>): Promise<ReadEvent[]> {
  const out: ReadEvent[] = []
  for await (const event of events) out.push(event)
  return out
}

/** Lines as git counts them: one per LF, plus an unterminated last line. */
function lineCount(bytes: Buffer): number {
  let count = 0
  for (const byte of bytes) if (byte === 0x0a) count++
  return bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a ? count + 1 : Math.max(count, 1)
}

function located(events: ReadEvent[]): Array<{ line?: number; row?: number }> {
  return events.map((event) => (event.type === 'row' ? event.row : event.problem))
}

type Reader = (chunks: AsyncIterable<Buffer>) => AsyncIterable<ReadEvent>
const READERS: Array<[string, Reader]> = [
  ['jsonl', readJsonl],
  ['csv', (input) => readDelimited(input, { delimiter: ',' })],
  ['tsv', (input) => readDelimited(input, { delimiter: '\t' })]
]

describe.each(READERS)('%s reader on arbitrary bytes (property-based)', (_, read) => {
  it('never throws; every row and problem sits on a line of the file, rows in order', async () => {
    await fc.assert(
      fc.asyncProperty(fileBytes, cuts, async (bytes, fractions) => {
        const events = await collect(read(chunks(bytes, fractions)))
        const lines = lineCount(bytes)
        let lastRow = -1
        let lastLine = 0
        for (const where of located(events)) {
          if (where.line !== undefined) {
            expect(where.line).toBeGreaterThanOrEqual(1)
            expect(where.line).toBeLessThanOrEqual(lines)
            expect(where.line).toBeGreaterThanOrEqual(lastLine)
            lastLine = where.line
          }
          if (where.row !== undefined) {
            expect(where.row).toBeGreaterThan(lastRow)
            lastRow = where.row
          }
        }
      }),
      RUNS
    )
  })

  it('reads the same events whatever the chunk boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(fileBytes, cuts, async (bytes, fractions) => {
        const whole = await collect(read(chunks(bytes, [])))
        const split = await collect(read(chunks(bytes, fractions)))
        expect(split).toEqual(whole)
      }),
      RUNS
    )
  })
})
