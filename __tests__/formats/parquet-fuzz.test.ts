import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readParquet } from '../../src/formats/parquet.js'
import { collect } from './streams.js'

const FIXTURES = join(process.cwd(), '__tests__/__fixtures__/formats')

/** Deterministic, so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

describe('readParquet on corrupted files', () => {
  it.each(['rows-snappy.parquet', 'rows-gzip.parquet', 'rows-zstd.parquet', 'types.parquet'])(
    'never throws on %s with random bytes overwritten',
    async (name) => {
      const original = readFileSync(join(FIXTURES, name))
      const next = random(name.length * 7919)
      for (let run = 0; run < 150; run++) {
        const bytes = Buffer.from(original)
        const flips = 1 + Math.floor(next() * 8)
        for (let k = 0; k < flips; k++) {
          bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256)
        }
        const { rows, problems } = await collect(readParquet(bytes, { maxRowGroupBytes: 1 << 24 }))
        expect(rows.length + problems.length).toBeGreaterThan(0)
      }
    }
  )
})
