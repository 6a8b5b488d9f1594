/**
 * Scanners run on every added row, so super-linear behaviour on hostile input would stall the
 * action. Each input below is a shape that makes a careless regex backtrack quadratically; at this
 * size quadratic work takes minutes, linear work milliseconds, so a generous bound separates them.
 */
import { scanDisclosure } from '../../src/scan/disclosure.js'
import { scanHomoglyphs } from '../../src/scan/homoglyph.js'
import { scanPii } from '../../src/scan/pii.js'
import { redactSensitive } from '../../src/scan/redact.js'
import { scanSecrets } from '../../src/scan/secrets.js'
import { scanUnicode } from '../../src/scan/unicode.js'

const SIZE = 200_000
const BUDGET_MS = 1_500

const fill = (unit: string, tail = ''): string => unit.repeat(Math.ceil(SIZE / unit.length)) + tail

const hostile: Record<string, string> = {
  prose: fill('The quick brown fox jumps over the lazy dog; choose a strong password. '),
  digits: fill('1'),
  'spaced digits': fill('4 '),
  'dashed digits': fill('12-'),
  dots: fill('.', 'a'),
  plus: fill('+1 '),
  letters: fill('a'),
  base64: fill('QUJD'),
  base64url: fill('eyJ-_'),
  'at signs': fill('a@'),
  'dotted local part': fill('a.', '@'),
  'key words': fill('password='),
  'key word then dots': 'password=' + fill('.', 'a'),
  'PEM headers': fill('-----BEGIN PRIVATE KEY-----\n'),
  'PEM without end': '-----BEGIN PRIVATE KEY-----\n' + fill('AAAA '),
  'URL userinfo': fill('x://a:'),
  'IPv4-ish': fill('1.1.1.'),
  'IBAN-ish': fill('DE89 '),
  'Cyrillic words': fill('раураӏ '),
  'mixed words': fill('pаypal '),
  'one long Cyrillic word': fill('а', 'ж'),
  'one long mixed word': fill('pа', 'ж'),
  Han: fill('我爱自然语言处理'),
  'zero-width': fill('a\u200b'),
  'variation selectors': '😀' + fill('\ufe0f'),
  'tag characters': fill('\u{e0041}'),
  'injection words': fill('ignore all the previous '),
  'password phrases': fill('the admin password is '),
  hex: fill('0123456789abcdef')
}

const scanners: Record<string, (text: string) => unknown> = {
  scanUnicode,
  scanHomoglyphs,
  scanSecrets,
  scanPii,
  scanDisclosure,
  redactSensitive
}

describe('scanners stay linear on hostile input', () => {
  it.each(Object.keys(hostile))('%s', (name) => {
    const text = hostile[name]
    for (const [scanner, scan] of Object.entries(scanners)) {
      const started = performance.now()
      scan(text)
      const elapsed = performance.now() - started
      if (elapsed > BUDGET_MS)
        throw new Error(`${scanner} took ${elapsed.toFixed(0)} ms on "${name}"`)
    }
  })
})
