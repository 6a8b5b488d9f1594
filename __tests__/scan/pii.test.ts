import fc from 'fast-check'
import { hasCardIin, ibanChecksumValid, luhnValid, scanPii } from '../../src/scan/pii.js'
import { group, prng, withLuhnDigit } from './helpers.js'

type Found = [kind: string, confidence: string, value: string]

function found(text: string): Found[] {
  return scanPii(text).map((h) => [h.kind, h.confidence, text.slice(h.start, h.end)])
}

describe('scanPii: email', () => {
  it('grades addresses by how personal they look', () => {
    const text =
      'Write to maria.gonzalez84@gmail.com or support@acme-corp.io; docs use example@example.com, ' +
      'bob@mail.test and user@example.org; bots send from noreply@github.com.'
    expect(found(text)).toEqual([
      ['email', 'high', 'maria.gonzalez84@gmail.com'],
      ['email', 'medium', 'support@acme-corp.io'],
      ['email', 'low', 'example@example.com'],
      ['email', 'low', 'bob@mail.test'],
      ['email', 'low', 'user@example.org'],
      ['email', 'low', 'noreply@github.com']
    ])
  })

  it('handles subdomains, plus addressing and trailing punctuation', () => {
    expect(found('Mail j.smith+ml@cs.uni-heidelberg.de.')).toEqual([
      ['email', 'high', 'j.smith+ml@cs.uni-heidelberg.de']
    ])
  })

  it('does not take code and asset names for addresses', () => {
    const text =
      'npm i lodash@4.17.21 @types/node; <img src="logo@2x.png">; git clone git@github.com:org/repo.git; ' +
      'user@localhost; @decorator; postgres://app:s3cretPassw0rd@db.internal.corp/app'
    expect(found(text).filter(([, c]) => c !== 'low')).toEqual([])
  })
})

describe('scanPii: phone', () => {
  it.each([
    ['+1 (415) 867-5309', 'high'],
    ['+44 20 7946 0958', 'high'],
    ['+49 30 12345678', 'high'],
    ['+33 1 23 45 67 89', 'high'],
    ['+14158675309', 'high'],
    ['415-867-5309', 'high'],
    ['(212) 736-5000', 'high'],
    ['415.867.5309', 'high'],
    ['1-800-642-7676', 'high'],
    ['030 12345678', 'medium'],
    ['020 7946 0958', 'medium'],
    ['01 23 45 67 89', 'medium'],
    ['(415) 555-0199', 'low']
  ])('finds %s (%s)', (number, confidence) => {
    expect(found(`Reach us at ${number} today.`)).toEqual([['phone', confidence, number]])
  })

  it('raises a national number to high after a phone keyword', () => {
    expect(found('Tel.: 030 12345678')).toEqual([['phone', 'high', '030 12345678']])
  })

  it('rejects mixed separators and seven-digit local numbers', () => {
    expect(found('415-867.5309 or 867-5309 or 555-0123')).toEqual([])
  })
})

describe('scanPii: US SSN', () => {
  it('finds valid numbers, upgrading with context and downgrading famous examples', () => {
    expect(found('SSN: 536-22-8514; also 536-22-8515; sample 078-05-1120')).toEqual([
      ['us-ssn', 'high', '536-22-8514'],
      ['us-ssn', 'medium', '536-22-8515'],
      ['us-ssn', 'low', '078-05-1120']
    ])
  })

  it('rejects impossible areas, groups and serials', () => {
    expect(found('000-12-3456 666-12-3456 900-12-3456 536-00-8514 536-22-0000')).toEqual([])
  })
})

describe('scanPii: credit cards', () => {
  it('finds Luhn-valid numbers with a known IIN', () => {
    const text =
      'Visa 4539 1488 0343 6467, Mastercard 5425-2334-3010-9903, 2-series 2223 0000 4841 0010, ' +
      'Amex 3434 343434 34343, plain 5425233430109903'
    expect(found(text)).toEqual([
      ['credit-card', 'high', '4539 1488 0343 6467'],
      ['credit-card', 'high', '5425-2334-3010-9903'],
      ['credit-card', 'high', '2223 0000 4841 0010'],
      ['credit-card', 'high', '3434 343434 34343'],
      ['credit-card', 'medium', '5425233430109903']
    ])
  })

  it('keeps processor test numbers low', () => {
    expect(found('Use 4111 1111 1111 1111 or 4242424242424242 in the sandbox.')).toEqual([
      ['credit-card', 'low', '4111 1111 1111 1111'],
      ['credit-card', 'low', '4242424242424242']
    ])
  })

  it('rejects bad checksums, unknown prefixes and odd groupings', () => {
    const text =
      'bad 4539 1488 0343 6468, unknown 9999 9999 9999 9995, groups 45391 488034 36467, ' +
      'mixed 4539-1488 0343-6467, too long 4539 1488 0343 6467 1234'
    expect(found(text)).toEqual([])
  })

  it('finds any Luhn-valid Visa number written in groups of four (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.constantFrom(' ', '-'), (seed, sep) => {
        const next = prng(seed)
        let body = '4'
        while (body.length < 15) body += String(Math.floor(next() * 10))
        const number = group(withLuhnDigit(body), [4, 4, 4, 4], sep)
        const hits = found(`card: ${number}.`)
        expect(hits.some(([kind, , value]) => kind === 'credit-card' && value === number)).toBe(
          true
        )
      }),
      { numRuns: 200 }
    )
  })
})

describe('scanPii: IBAN', () => {
  it('finds mod-97-valid IBANs and stops at the country length', () => {
    const text =
      'Pay DE44 5001 0517 5407 3249 31 AND NOT MORE, or FR7630006000011234567890189. ' +
      'Example GB82 WEST 1234 5698 7654 32.'
    expect(found(text)).toEqual([
      ['iban', 'high', 'DE44 5001 0517 5407 3249 31'],
      ['iban', 'high', 'FR7630006000011234567890189'],
      ['iban', 'low', 'GB82 WEST 1234 5698 7654 32']
    ])
  })

  it('rejects bad checksums, wrong lengths and unknown countries', () => {
    expect(found('DE44 5001 0517 5407 3249 32 DE44500105175407324 ZZ44500105175407324931')).toEqual(
      []
    )
  })

  it('validates the checksum directly', () => {
    expect(ibanChecksumValid('GB82WEST12345698765432')).toBe(true)
    expect(ibanChecksumValid('GB82WEST12345698765433')).toBe(false)
  })
})

describe('scanPii: IP addresses', () => {
  it('reports IPv4 addresses at low confidence only', () => {
    expect(found('server 203.0.113.42, gateway 192.168.1.1')).toEqual([
      ['ip-address', 'low', '203.0.113.42'],
      ['ip-address', 'low', '192.168.1.1']
    ])
  })

  it('ignores versions, longer dotted numbers and out-of-range octets', () => {
    expect(found('version 1.2.3.4, v2.0.1.3, OID 1.3.6.1.4.1, 10.0.0.256')).toEqual([])
  })
})

describe('scanPii: honest instruction-tuning data', () => {
  it.each([
    ['ISBN-13', 'See ISBN 978-3-16-148410-0 for details.'],
    ['ISBN-10', 'The first edition is ISBN 0-306-40615-2.'],
    ['ISO date', 'The meeting is on 2024-05-01 at 12:30:45.'],
    ['European dates', 'Born 01.05.2024, moved 05-01-2024 12:30, left 01/05/2024.'],
    ['price', 'It costs $1,234.56 (or €1.234,56) plus 19% VAT.'],
    ['pi', 'π is approximately 3.14159265358979.'],
    ['arithmetic', '12 + 34 = 46, 123456 * 789 = 97406784, and 3 +10 20 30 40.'],
    ['sequence', 'Count: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16.'],
    ['large numbers', 'Population 8,045,311,447; timestamp 1714567890123; 10000000000000000.'],
    ['UUID', 'id 123e4567-e89b-12d3-a456-426614174000'],
    ['git SHA', 'commit 3f786850e387550fdab836ed7e6dc881de23001b'],
    ['year range', 'During 1939-1945 and 2001-2024.'],
    ['version', 'Requires Python 3.11.4 and Node 20.11.1.'],
    ['coordinates', 'Located at 48.8566, 2.3522.'],
    ['math notation', 'Solve x = (415 - 86) * 75.309 and 4111 + 1111 = 5222.']
  ])('finds no high/medium PII in %s', (_label, text) => {
    expect(found(text).filter(([, confidence]) => confidence !== 'low')).toEqual([])
  })

  it('finds nothing medium or high in random decimals, dates and prices (property)', () => {
    const date = fc
      .tuple(
        fc.integer({ min: 1900, max: 2099 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 })
      )
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`)
    const price = fc
      .integer({ min: 0, max: 99_999_999 })
      .map((c) => `$${(c / 100).toLocaleString('en-US')}`)
    const decimal = fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(String)
    fc.assert(
      fc.property(fc.array(fc.oneof(date, price, decimal), { maxLength: 12 }), (parts) => {
        const text = parts.join(' ')
        expect(found(text).filter(([, confidence]) => confidence !== 'low')).toEqual([])
      }),
      { numRuns: 300 }
    )
  })
})

describe('helpers', () => {
  it('luhnValid and hasCardIin', () => {
    expect(luhnValid('79927398713')).toBe(true)
    expect(luhnValid('79927398710')).toBe(false)
    expect(hasCardIin('4539148803436467')).toBe(true)
    expect(hasCardIin('378282246310005')).toBe(true)
    expect(hasCardIin('9783161484100')).toBe(false)
  })
})
