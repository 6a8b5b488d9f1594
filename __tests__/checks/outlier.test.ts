import { outlierText } from '../../src/checks/outlier.js'
import { analyse, fixtureRows, seeded } from '../helpers/analysis.js'
import { linesOf, runCheck } from '../helpers/checks.js'

const base = fixtureRows('sst2-base.jsonl')
const honest = fixtureRows('sst2-honest-added.jsonl')

function base64(length: number, seed: number): string {
  const random = seeded(seed)
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  return Array.from({ length }, () => alphabet[Math.floor(random() * 64)]).join('')
}

describe('outlier.text', () => {
  it('lists gibberish, an encoded payload and another language, but no honest row', async () => {
    const strange = [
      { sentence: base64(120, 1), label: 1 },
      { sentence: `a fine film . ${base64(80, 2)}`, label: 1 },
      {
        sentence:
          'der film ist langweilig und viel zu lang , die schauspieler wirken gelangweilt und müde .',
        label: 0
      },
      { sentence: 'xqzv bnrt plkw dfgh jkl mnbvc zxqw rtyp sdfg hjkl qwrt yzxc vbnm', label: 0 }
    ]
    const findings = runCheck(outlierText, await analyse(base, [...base, ...honest, ...strange]))
    const first = base.length + honest.length + 1
    expect(linesOf(findings)).toEqual([first, first + 1, first + 2, first + 3])
    expect(findings[0].severity).toBe('warn')
  })

  it('needs enough base text to calibrate on', async () => {
    expect(
      runCheck(
        outlierText,
        await analyse(base.slice(0, 40), [
          ...base.slice(0, 40),
          { sentence: base64(100, 3), label: 1 }
        ])
      )
    ).toEqual([])
  })
})
