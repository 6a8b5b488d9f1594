import {
  DatasetProfileBuilder,
  columnType,
  mergeProfiles,
  parseNumeric,
  type ColumnProfile,
  type DatasetProfile
} from '../../src/dataset/profile.js'
import { FrequencySketch } from '../../src/sketch/frequencies.js'
import { QuantileSketch } from '../../src/sketch/quantiles.js'
import type { RowValues } from '../../src/types.js'

function column(profile: DatasetProfile, name: string): ColumnProfile {
  const found = profile.columns.find((c) => c.name === name)
  if (found === undefined) throw new Error(`no column ${name}`)
  return found
}

/** Rows as a CSV reader yields them: every cell a string. */
function csvRows(count: number): RowValues[] {
  const labels = ['positive', 'negative', 'neutral']
  return Array.from({ length: count }, (_, i) => ({
    id: String(i),
    text: `Review number ${i}: ${'great '.repeat(i % 7)}product`,
    label: labels[i % 3],
    score: i % 10 === 0 ? '' : (i % 50) / 10 + '',
    note: i % 4 === 0 ? 'x'.repeat(250) : 'ok'
  }))
}

describe('parseNumeric', () => {
  it('reads decimal numbers as CSV writers write them, and nothing else', () => {
    expect(parseNumeric('3.5')).toBe(3.5)
    expect(parseNumeric(' -2e3 ')).toBe(-2000)
    expect(parseNumeric('.5')).toBe(0.5)
    expect(parseNumeric('+7.')).toBe(7)
    expect(parseNumeric('007')).toBe(7)
    for (const text of [
      '',
      ' ',
      '0x1F',
      'Infinity',
      'NaN',
      '1,000',
      '1_000',
      '3.5kg',
      'e5',
      '1e999'
    ]) {
      expect(parseNumeric(text)).toBeNull()
    }
  })
})

describe('DatasetProfileBuilder', () => {
  it('profiles CSV-style string columns', () => {
    const builder = new DatasetProfileBuilder(['id', 'text', 'label', 'score', 'note'])
    for (const row of csvRows(600)) builder.add(row)
    const profile = builder.finish()
    expect(profile.rows).toBe(600)
    expect(profile.columns.map((c) => c.name)).toEqual(['id', 'text', 'label', 'score', 'note'])

    const score = column(profile, 'score')
    expect(score.count).toBe(600)
    expect(score.nulls).toBe(60)
    expect(score.missing).toBe(0)
    expect(score.types).toEqual({ string: 540, number: 0, boolean: 0, array: 0, object: 0 })
    expect(score.numericCount).toBe(540)
    const numeric = QuantileSketch.fromJSON(score.numeric!)
    expect(numeric.min).toBe(0.1)
    expect(numeric.max).toBe(4.9)
    expect(numeric.count).toBe(540)

    const label = column(profile, 'label')
    expect(label.numeric).toBeNull()
    const labels = FrequencySketch.fromJSON(label.categories!)
    expect(labels.top(3)).toEqual([
      { value: 'negative', count: 200 },
      { value: 'neutral', count: 200 },
      { value: 'positive', count: 200 }
    ])
    expect(columnType(label)).toBe('string')

    const note = column(profile, 'note')
    expect(note.longStrings).toBe(150)
    expect(FrequencySketch.fromJSON(note.categories!).total).toBe(450)
    const lengths = QuantileSketch.fromJSON(note.textLength!)
    expect(lengths.max).toBe(250)
    expect(lengths.quantile(0.5)).toBe(2)
  })

  it('profiles JSON types, nulls and columns that appear later', () => {
    const builder = new DatasetProfileBuilder(null)
    builder.add({ prompt: 'hi', n: 1, ok: true })
    builder.add({ prompt: '', n: null, ok: false, tags: ['a'] })
    builder.add({ prompt: 'yo', n: 2.5, ok: 'yes', tags: [], meta: { a: 1 } })
    const profile = builder.finish()
    expect(profile.columns.map((c) => c.name)).toEqual(['prompt', 'n', 'ok', 'tags', 'meta'])

    const tags = column(profile, 'tags')
    expect(tags.count).toBe(3)
    expect(tags.missing).toBe(1)
    expect(tags.nulls).toBe(1)
    expect(tags.types.array).toBe(2)
    expect(columnType(tags)).toBe('array')
    expect(column(profile, 'meta')).toMatchObject({ missing: 2, nulls: 2 })
    expect(columnType(column(profile, 'meta'))).toBe('object')

    const n = column(profile, 'n')
    expect(n).toMatchObject({ nulls: 1, missing: 0, numericCount: 2 })
    expect(
      FrequencySketch.fromJSON(n.categories!)
        .top(5)
        .map((e) => e.value)
    ).toEqual(['1', '2.5'])
    expect(columnType(n)).toBe('number')

    const ok = column(profile, 'ok')
    expect(ok.types).toMatchObject({ boolean: 2, string: 1 })
    expect(columnType(ok)).toBe('mixed')
    expect(FrequencySketch.fromJSON(ok.categories!).count('true')).toBe(1)
    expect(column(profile, 'prompt').nulls).toBe(1)

    const empty = new DatasetProfileBuilder(['a'])
    empty.add({})
    expect(columnType(empty.finish().columns[0])).toBe('null')
  })

  it('merges shards into exactly the single-pass profile', () => {
    const rows = csvRows(900)
    // A column that only the later rows carry, so one shard never sees it.
    rows.slice(700).forEach((row, i) => (row.source = i % 2 === 0 ? 'web' : 'books'))
    const single = new DatasetProfileBuilder(['id', 'text'])
    const shards = [
      new DatasetProfileBuilder(['id', 'text']),
      new DatasetProfileBuilder(['id', 'text']),
      new DatasetProfileBuilder(['id', 'text'])
    ]
    rows.forEach((row, i) => {
      single.add(row)
      shards[Math.min(2, Math.floor(i / 300))].add(row)
    })
    const merged = new DatasetProfileBuilder(['id', 'text'])
    for (const shard of shards) merged.merge(shard)
    expect(merged.finish()).toEqual(single.finish())
    expect(shards[0].rows).toBe(300)
    expect(column(merged.finish(), 'source')).toMatchObject({ missing: 700, nulls: 700 })

    // Same through JSON, as profiles of shards built in other processes would arrive.
    const viaJson = shards
      .map((shard) => JSON.parse(JSON.stringify(shard.finish())) as DatasetProfile)
      .reduce((a, b) => mergeProfiles(a, b))
    expect(viaJson).toEqual(single.finish())
  })

  it('resumes from a finished profile', () => {
    const rows = csvRows(200)
    const whole = new DatasetProfileBuilder(null)
    rows.forEach((row) => whole.add(row))
    const first = new DatasetProfileBuilder(null)
    rows.slice(0, 120).forEach((row) => first.add(row))
    const resumed = DatasetProfileBuilder.fromProfile(JSON.parse(JSON.stringify(first.finish())))
    rows.slice(120).forEach((row) => resumed.add(row))
    expect(resumed.finish()).toEqual(whole.finish())
  })

  it('stays bounded on high-cardinality columns', () => {
    const builder = new DatasetProfileBuilder(null, { categoryCap: 500 })
    for (let i = 0; i < 30_000; i++) builder.add({ id: `row-${i}`, value: i * 1.5, label: i % 2 })
    const profile = builder.finish()
    const ids = FrequencySketch.fromJSON(column(profile, 'id').categories!)
    expect(ids.exact).toBe(false)
    expect(ids.tracked).toBeLessThanOrEqual(500)
    expect(Math.abs(ids.distinct - 30_000) / 30_000).toBeLessThan(0.05)
    const values = QuantileSketch.fromJSON(column(profile, 'value').numeric!)
    expect(values.retainedCount).toBeLessThan(1000)
    expect(Math.abs(values.quantile(0.5) - 22_500) / 45_000).toBeLessThan(0.01)
    expect(FrequencySketch.fromJSON(column(profile, 'label').categories!).exact).toBe(true)
    expect(JSON.stringify(profile).length).toBeLessThan(200_000)
  })

  it('refuses to merge profiles built with different options', () => {
    const a = new DatasetProfileBuilder(null)
    const b = new DatasetProfileBuilder(null, { maxCategoryLength: 50 })
    expect(() => a.merge(b)).toThrow()
    expect(() =>
      DatasetProfileBuilder.fromProfile({ ...a.finish(), version: 2 as unknown as 1 })
    ).toThrow()
  })
})
