import { analyzeFile, type AnalyzeOptions } from '../../src/analysis/analyze-file.js'
import type { Analysis } from '../../src/analysis/types.js'
import { jsonlRecords, readJsonl } from '../../src/formats/jsonl.js'
import { seeded } from '../helpers/analysis.js'

const FILE = {
  path: 'data/train.jsonl',
  previousPath: null,
  status: 'modified' as const,
  format: 'jsonl' as const
}

async function* bytes(text: string): AsyncGenerator<Buffer> {
  // Small chunks, so lines are cut across them.
  for (let i = 0; i < text.length; i += 97) yield Buffer.from(text.slice(i, i + 97))
}

/** Analyses two JSONL texts the way run.ts does: by line text (or by canonical JSON). */
function analyseText(
  base: string,
  head: string,
  options: AnalyzeOptions & { byText?: boolean } = {}
): Promise<Analysis> {
  const { byText = true, ...rest } = options
  return analyzeFile(
    FILE,
    () => readJsonl(bytes(base)),
    () => readJsonl(bytes(head)),
    { ...rest, baseRecords: byText ? () => jsonlRecords(bytes(base)) : undefined }
  )
}

const lines = (rows: object[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n'
const where = (analysis: Analysis) => ({
  added: analysis.added.map((r) => r.line),
  removed: analysis.removed.map((r) => r.line)
})

const BASE = [
  { text: 'the first review', label: 'pos' },
  { text: 'a second one', label: 'neg' },
  { text: 'the first review', label: 'pos' },
  { text: 'gone in the head', label: 'neg' },
  { text: 'kept but rewritten', label: 'pos' }
]

describe('analyzeFile', () => {
  it('finds the same added and removed rows by line text as by canonical JSON', async () => {
    const base = lines(BASE) + 'not json\n'
    const head =
      [
        JSON.stringify(BASE[1]),
        JSON.stringify(BASE[0]),
        '{"label": "pos", "text": "kept but rewritten"}\r', // same row, keys reordered, CRLF
        JSON.stringify(BASE[0]),
        JSON.stringify(BASE[0]), // one copy more than the base has
        JSON.stringify({ text: 'brand new', label: 'neg' }),
        'not json'
      ].join('\n') + '\n'
    const byText = await analyseText(base, head)
    const byValues = await analyseText(base, head, { byText: false })
    expect(where(byText)).toEqual({ added: [5, 6], removed: [4] })
    expect(where(byValues)).toEqual({ added: [5, 6], removed: [4] })
    expect(byText.base.rowCount).toBe(5)
    expect(byText.base.problems).toHaveLength(1)
    expect(byText.head.problems).toHaveLength(1)
    // The extra copy's base copies are counted for the duplicates checks.
    expect(byText.base.rowHashes.copies(byText.added[0].hash)).toBe(2)
    expect(byText.profiles.head.rows).toBe(byValues.profiles.head.rows)
  })

  it('matches a rewritten file by canonical JSON rather than holding every line', async () => {
    const base = lines(BASE)
    const rewritten = BASE.map(
      (r) => `{ "label" : ${JSON.stringify(r.label)}, "text": ${JSON.stringify(r.text)} }`
    )
    const head = rewritten.join('\n') + '\n'
    const limited = await analyseText(base, head, { maxTextCandidates: 1 })
    const unlimited = await analyseText(base, head)
    expect(where(limited)).toEqual({ added: [], removed: [] })
    expect(where(unlimited)).toEqual({ added: [], removed: [] })
  })

  it('gives the same base statistics from the worker thread as on the main thread', async () => {
    const random = seeded(5)
    const words = [
      'alpha',
      'beta',
      'gamma',
      'delta',
      'visit',
      'example.com',
      'caf\u00e9',
      'x\u200by'
    ]
    const row = () => ({
      messages: [
        {
          role: 'user',
          content: Array.from({ length: 12 }, () => words[Math.floor(random() * 8)]).join(' ')
        },
        {
          role: 'assistant',
          content: Array.from({ length: 12 }, () => words[Math.floor(random() * 8)]).join(' ')
        }
      ]
    })
    const baseRows = Array.from({ length: 3000 }, row)
    const added = Array.from({ length: 40 }, row)
    const base = lines(baseRows)
    const head = lines([...baseRows.slice(10), ...added])
    const inProcess = await analyseText(base, head, { textWorker: 'never' })
    const inWorker = await analyseText(base, head, { textWorker: 'always' })
    expect(inWorker.base).toEqual(inProcess.base)
    expect(inWorker.base.outputTerms.df.size).toBeGreaterThan(0)
    expect(inWorker.base.domains.get('example.com')).toBeGreaterThan(0)
    expect(where(inWorker)).toEqual(where(inProcess))
  })
})
