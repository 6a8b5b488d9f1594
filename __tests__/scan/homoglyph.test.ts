import fc from 'fast-check'
import { confusableSkeleton, scanHomoglyphs } from '../../src/scan/homoglyph.js'

const words = (text: string): string[] => scanHomoglyphs(text).map((h) => h.word)

describe('confusableSkeleton', () => {
  it('maps lookalikes to the ASCII letter they imitate and drops marks', () => {
    expect(confusableSkeleton('раураӏ')).toBe('paypal')
    expect(confusableSkeleton('ΑΡΙ')).toBe('API')
    expect(confusableSkeleton('ｈｅｌｌｏ')).toBe('hello')
    expect(confusableSkeleton('𝐯𝐞𝐫𝐲')).toBe('very')
    expect(confusableSkeleton('ɡооɡlе')).toBe('google')
    expect(confusableSkeleton('café')).toBe('cafe')
    expect(confusableSkeleton('ꓮꓑꓲ')).toBe('API')
  })
})

describe('scanHomoglyphs: attacks', () => {
  it('flags a Cyrillic letter inside a Latin word', () => {
    expect(scanHomoglyphs('Verify your pаypal account today')).toEqual([
      {
        word: 'pаypal',
        skeleton: 'paypal',
        scripts: ['Cyrillic', 'Latin'],
        index: 12,
        reason: 'mixed-script'
      }
    ])
  })

  it('flags a word spelled wholly in Cyrillic lookalikes inside English text', () => {
    expect(scanHomoglyphs('Log in to your раураӏ account')).toEqual([
      {
        word: 'раураӏ',
        skeleton: 'paypal',
        scripts: ['Cyrillic'],
        index: 15,
        reason: 'lookalike-word'
      }
    ])
  })

  it('flags lookalike words even when the whole text is lookalikes (no genuine Cyrillic)', () => {
    expect(words('Рау сору')).toEqual(['Рау', 'сору'])
  })

  it('flags Greek capitals posing as Latin ones', () => {
    const hits = scanHomoglyphs('Call the REST ΑΡΙ with ΝΑSΑ data')
    expect(hits.map((h) => [h.word, h.skeleton, h.reason])).toEqual([
      ['ΑΡΙ', 'API', 'lookalike-word'],
      ['ΝΑSΑ', 'NASA', 'mixed-script']
    ])
  })

  it('flags Greek letters that touch lowercase Latin letters', () => {
    expect(words('Buy an αpple or a pοtato from pαypal')).toEqual(['αpple', 'pοtato', 'pαypal'])
  })

  it('flags Armenian, Cherokee and Lisu lookalikes', () => {
    expect(words('Open gօogle now')).toEqual(['gօogle'])
    expect(words('Ꮪign in to ꓮꓑꓲ portal')).toEqual(['Ꮪign', 'ꓮꓑꓲ'])
  })

  it('flags fullwidth, mathematical and small-capital words in English text', () => {
    const hits = scanHomoglyphs('Click ｈｅｒｅ for 𝐟𝐫𝐞𝐞 ᴀᴅᴍɪɴ access')
    expect(hits.map((h) => [h.word, h.skeleton, h.scripts])).toEqual([
      ['ｈｅｒｅ', 'here', ['Fullwidth']],
      ['𝐟𝐫𝐞𝐞', 'free', ['Mathematical']],
      ['ᴀᴅᴍɪɴ', 'admin', ['Latin-lookalike']]
    ])
  })

  it('flags IPA letters standing in for ASCII inside a word', () => {
    expect(words('Search on ɡoogle')).toEqual(['ɡoogle'])
  })

  it('flags a dotless i in English text but not in Turkish text', () => {
    expect(words('Click this lınk')).toEqual(['lınk'])
    expect(words('Bugün hava ılık, İstanbul güzel')).toEqual([])
  })

  it('flags a lone Cyrillic article in English text', () => {
    expect(words('This is а trigger')).toEqual(['а'])
  })
})

describe('scanHomoglyphs: honest text', () => {
  it.each([
    ['Russian', 'Я люблю сор и кофе. Москва — столица России.'],
    ['Russian with an English brand', 'Скачайте приложение PayPal и оплатите заказ.'],
    ['Ukrainian', 'Київ — столиця України, а Харків — друге місто.'],
    ['Greek', 'Η Αθήνα είναι η πρωτεύουσα της Ελλάδας και το κέντρο της.'],
    ['Armenian', 'Երևանը Հայաստանի մայրաքաղաքն է։'],
    ['Japanese with fullwidth Latin', 'ＰＣを使う。ＯＫです。Tシャツを買った。'],
    ['Chinese mixed with Latin', 'iPhone手机和MacBook电脑'],
    ['accented Latin', 'A naïve café in Zürich served crème brûlée; Ærøskøbing, Łódź, São Paulo.'],
    ['IPA transcription', 'The word good is pronounced /ɡʊd/ and cat is /kæt/.'],
    ['Turkish', 'Işık ılık, ağaç yeşil.'],
    ['Vietnamese', 'Tiếng Việt có dấu: người, được, phở.']
  ])('accepts %s', (_label, text) => {
    expect(scanHomoglyphs(text)).toEqual([])
  })

  it('accepts Greek letters used as units and symbols in science text', () => {
    const text =
      'Cells 5 μm wide (also 5 µm), a 10 kΩ resistor, the α-helix and β-sheet, TNFα and IFNγ, ' +
      'IκBα and NF-κB, Aβ42 plaques, λmax at 450 nm, ΔG < 0, 5α-reductase, χ2 test, Ωcm.'
    expect(scanHomoglyphs(text)).toEqual([])
  })

  it('accepts standalone Greek letters and single mathematical letters', () => {
    expect(scanHomoglyphs('Let α and β be angles; π ≈ 3.14; the variable 𝑥 is free.')).toEqual([])
  })

  it('returns [] for any ASCII text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(scanHomoglyphs(text)).toEqual([])
      }),
      { numRuns: 300 }
    )
  })
})

describe('scanHomoglyphs: substitution property', () => {
  // Lowercase letters with a Cyrillic twin.
  const twins: Record<string, string> = { a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у' }
  const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz')

  it('finds any single Cyrillic substitution in a Latin word of a Latin sentence', () => {
    fc.assert(
      fc.property(
        fc.array(letter, { minLength: 3, maxLength: 12 }),
        fc.nat(),
        fc.constantFrom(...Object.keys(twins)),
        (chars, at, twin) => {
          const original = [...chars]
          original[at % original.length] = twin
          const word = original.join('')
          const spoofed = [...original]
          spoofed[at % spoofed.length] = twins[twin]
          const hits = scanHomoglyphs(`please check ${spoofed.join('')} again`)
          expect(hits).toHaveLength(1)
          expect(hits[0]).toMatchObject({ skeleton: word, reason: 'mixed-script', index: 13 })
        }
      ),
      { numRuns: 300 }
    )
  })
})
