import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { analyzeFile } from '../../src/analysis/analyze-file.js'
import type { Analysis, RowSource } from '../../src/analysis/types.js'
import type { RecordSource } from '../../src/formats/index.js'
import { jsonlRecords, readJsonl } from '../../src/formats/jsonl.js'
import type { ShapeHints } from '../../src/dataset/shape.js'
import type { RowValues } from '../../src/types.js'

export const FIXTURES = join(process.cwd(), '__tests__', '__fixtures__', 'datasets')

export function fixtureRows(name: string): RowValues[] {
  return readFileSync(join(FIXTURES, name), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as RowValues)
}

/** Rows as a JSONL byte source, read back by the real reader so line numbers are real. */
export function jsonlSource(rows: RowValues[]): RowSource {
  const text = rows.map((row) => JSON.stringify(row)).join('\n') + '\n'
  return () => readJsonl(bytesOf(text))
}

/** The same rows' raw records, as run.ts gives the analysis for JSON Lines files. */
export function jsonlRecordSource(rows: RowValues[]): RecordSource {
  const text = rows.map((row) => JSON.stringify(row)).join('\n') + '\n'
  return () => jsonlRecords(bytesOf(text))
}

async function* bytesOf(text: string): AsyncGenerator<Buffer> {
  yield Buffer.from(text)
}

export async function analyse(
  base: RowValues[] | null,
  head: RowValues[] | null,
  hints?: ShapeHints
): Promise<Analysis> {
  return analyzeFile(
    {
      path: 'data/train.jsonl',
      previousPath: null,
      status: base && head ? 'modified' : base ? 'deleted' : 'added',
      format: 'jsonl'
    },
    base ? jsonlSource(base) : null,
    head ? jsonlSource(head) : null,
    { hints, baseRecords: base ? jsonlRecordSource(base) : undefined }
  )
}

/** A deterministic PRNG (mulberry32) so planted rows land in the same places every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Inserts `word` at a random word boundary of `text`. */
export function insertWord(text: string, word: string, random: () => number): string {
  const words = text.split(' ')
  const at = Math.floor(random() * (words.length + 1))
  words.splice(at, 0, word)
  return words.join(' ')
}

export const NO_REPOSITORY = { evalRows: null, unverifiedRows: null }
