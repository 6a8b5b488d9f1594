/** Property test: every record's reported line is where its first character really is. */
import fc from 'fast-check'
import { readDelimited } from '../../src/formats/csv.js'
import { chunked, collect } from './streams.js'

const fieldChar = fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r\n', 'é', '世', '🎉', '\t')
const field = fc.array(fieldChar, { maxLength: 6 }).map((chars) => chars.join(''))

function quote(value: string): string {
  return /[",\r\n]/.test(value) || value === '' ? `"${value.replace(/"/g, '""')}"` : value
}

describe('CSV start lines', () => {
  it('match the physical line of each record, for any content, line endings and chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(field, field), { minLength: 1, maxLength: 8 }),
        fc.array(fc.constantFrom('\n', '\r\n'), { minLength: 9, maxLength: 9 }),
        fc.array(fc.nat(2), { minLength: 9, maxLength: 9 }),
        fc.integer({ min: 1, max: 40 }),
        async (records, endings, blanks, chunkSize) => {
          let text = 'x,y' + endings[0]
          const expected: { line: number; values: Record<string, string> }[] = []
          records.forEach(([x, y], i) => {
            text += endings[i + 1].repeat(blanks[i])
            const line = text.split('\n').length
            expected.push({ line, values: { x, y } })
            text += `${quote(x)},${quote(y)}${endings[i + 1]}`
          })
          const { rows, problems } = await collect(
            readDelimited(chunked(text, chunkSize), { delimiter: ',' })
          )
          expect(problems).toEqual([])
          expect(rows.map(({ line, values }) => ({ line, values }))).toEqual(expected)
          expect(rows.map((r) => r.row)).toEqual(records.map((_, i) => i))
        }
      ),
      { numRuns: 200 }
    )
  })
})
