import fc from 'fast-check'
import { redact, redactSensitive } from '../../src/scan/redact.js'
import { scanSecrets } from '../../src/scan/secrets.js'
import { ALNUM, BASE32, HEX, base64url, group, randomString, withLuhnDigit } from './helpers.js'

const URLSAFE = ALNUM + '_-'

describe('redact', () => {
  it('keeps at most a four-character prefix of prefixed secrets', () => {
    const key = 'AKIA' + randomString(BASE32, 16, 1)
    const text = `key=${key};`
    expect(redact(text, [{ start: 4, end: 24, kind: 'aws-access-key' }])).toBe(
      'key=AKIA…[redacted aws-access-key];'
    )
  })

  it('shows nothing of free-form or short secrets', () => {
    expect(redact('pw: Xk29!dmQp2LzA7', [{ start: 4, end: 18, kind: 'generic-secret' }])).toBe(
      'pw: [redacted generic-secret]'
    )
    expect(redact('tok ghp_short', [{ start: 4, end: 13, kind: 'github-token' }])).toBe(
      'tok [redacted github-token]'
    )
  })

  it('masks PII in recognisable shapes', () => {
    const text =
      'maria.gonzalez84@gmail.com | 4539 1488 0343 6467 | +44 20 7946 0958 | 536-22-8514 | DE44 5001 0517 5407 3249 31 | 203.0.113.42'
    const spans = [
      { start: 0, end: 26, kind: 'email' },
      { start: 29, end: 48, kind: 'credit-card' },
      { start: 51, end: 67, kind: 'phone' },
      { start: 70, end: 81, kind: 'us-ssn' },
      { start: 84, end: 111, kind: 'iban' },
      { start: 114, end: 126, kind: 'ip-address' }
    ]
    expect(redact(text, spans)).toBe(
      'm***@gmail.com | **** **** **** 6467 | +** ** **** **58 | ***-**-**** | DE** **** **** **** **49 31 | [redacted ip-address]'
    )
  })

  it('merges overlapping spans and labels mixed kinds without revealing anything', () => {
    expect(
      redact('abcdefghij', [
        { start: 1, end: 4, kind: 'jwt' },
        { start: 3, end: 6, kind: 'email' },
        { start: 5, end: 7, kind: 'jwt' }
      ])
    ).toBe('a[redacted jwt+email]hij')
  })

  it('tolerates unsorted, out-of-range and empty spans', () => {
    expect(
      redact('hello world', [
        { start: 6, end: 99, kind: 'generic-secret' },
        { start: -5, end: 2, kind: 'generic-secret' },
        { start: 3, end: 3, kind: 'email' }
      ])
    ).toBe('[redacted generic-secret]llo [redacted generic-secret]')
  })

  it('never splits a surrogate pair', () => {
    const text = 'x😀y'
    const out = redact(text, [{ start: 2, end: 3, kind: 'generic-secret' }])
    expect(out).toBe('x[redacted generic-secret]y')
  })

  it('returns the text unchanged without spans', () => {
    expect(redact('nothing to hide', [])).toBe('nothing to hide')
  })

  it('keeps text outside the spans intact (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 80 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 20 })), { maxLength: 5 }),
        (text, raw) => {
          const spans = raw.map(([s, len]) => ({
            start: s % text.length,
            end: Math.min(text.length, (s % text.length) + len),
            kind: 'generic-secret'
          }))
          const out = redact(text, spans)
          const live = spans.filter((s) => s.end > s.start)
          if (live.length === 0) {
            expect(out).toBe(text)
            return
          }
          const first = Math.min(...live.map((s) => s.start))
          const last = Math.max(...live.map((s) => s.end))
          expect(out.startsWith(text.slice(0, first))).toBe(true)
          expect(out.endsWith(text.slice(last))).toBe(true)
        }
      ),
      { numRuns: 300 }
    )
  })
})

describe('redactSensitive', () => {
  const secrets = [
    'AKIA' + randomString(BASE32, 16, 11),
    'ghp_' + randomString(ALNUM, 36, 12),
    'glpat-' + randomString(URLSAFE, 20, 13),
    'AIza' + randomString(URLSAFE, 35, 14),
    'sk_live_' + randomString(ALNUM, 32, 15),
    'sk-proj-' + randomString(URLSAFE, 48, 16),
    'sk-ant-api03-' + randomString(URLSAFE, 90, 17),
    'SK' + randomString(HEX, 32, 18),
    'SG.' + randomString(URLSAFE, 22, 19) + '.' + randomString(URLSAFE, 43, 20),
    'npm_' + randomString(ALNUM, 36, 21),
    `xoxb-${randomString('0123456789', 12, 22)}-${randomString(ALNUM, 24, 23)}`,
    [
      base64url({ alg: 'RS256', typ: 'JWT' }),
      base64url({ sub: 'u1' }),
      randomString(URLSAFE, 86, 24)
    ].join('.')
  ]

  it('redacts secrets and personal data from a report excerpt', () => {
    const card = group(withLuhnDigit('453914880343646'), [4, 4, 4, 4], ' ')
    const text =
      `Use ${secrets[1]} and mail maria.gonzalez84@gmail.com, card ${card}, ` +
      'db postgres://app:Zq8vT2mPx91L@prod.corp/app, see example@example.com'
    const out = redactSensitive(text)
    expect(out).toBe(
      'Use ghp_…[redacted github-token] and mail m***@gmail.com, card **** **** **** 6467, ' +
        'db postgres://app:[redacted connection-string-password]@prod.corp/app, see example@example.com'
    )
  })

  it('leaves honest text untouched', () => {
    const text =
      'On 2024-05-01 the price was $1,234.56; ISBN 978-3-16-148410-0; commit 3f786850e387550fdab836ed7e6dc881de23001b.'
    expect(redactSensitive(text)).toBe(text)
  })

  it('never leaves a secret in the output (property)', () => {
    fc.assert(
      fc.property(
        fc.lorem({ maxCount: 6 }),
        fc.constantFrom(...secrets),
        fc.constantFrom(' ', '\n', ' token=', ' "key": "', ' Authorization: Bearer '),
        fc.lorem({ maxCount: 6 }),
        (before, secret, glue, after) => {
          const text = `${before}${glue}${secret} ${after}`
          expect(scanSecrets(text).length).toBeGreaterThan(0)
          const out = redactSensitive(text)
          expect(out).not.toContain(secret)
          // Nothing beyond the public four-character prefix survives.
          expect(out).not.toContain(secret.slice(4, 16))
        }
      ),
      { numRuns: 300 }
    )
  })
})
