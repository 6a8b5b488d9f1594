/**
 * Per-column profiles of a dataset, built in one streaming pass and mergeable across shards: the
 * base-side summary that checks compare added rows against. A finished profile is plain JSON;
 * its sketches revive with `QuantileSketch.fromJSON` and `FrequencySketch.fromJSON`.
 */
import type { JsonValue, RowValues } from '../types.js'
import type { ColumnType } from './types.js'
import {
  DEFAULT_FREQUENCY_CAP,
  FrequencySketch,
  type FrequencySketchJSON
} from '../sketch/frequencies.js'
import {
  DEFAULT_EXACT_CAPACITY,
  DEFAULT_K,
  QuantileSketch,
  type QuantileSketchJSON
} from '../sketch/quantiles.js'

export interface ProfileOptions {
  /** Distinct values per column counted exactly before falling back to heavy hitters. */
  categoryCap?: number
  /** Longest string (UTF-16 code units) counted as a category; longer strings are free text. */
  maxCategoryLength?: number
  /** KLL k of the quantile sketches. */
  quantileK?: number
  /** Values per quantile sketch kept exactly. */
  exactCapacity?: number
}

export type ResolvedProfileOptions = Required<ProfileOptions>

/** Labels, tags and short answers fit; sentences and documents do not and are profiled by length. */
export const DEFAULT_MAX_CATEGORY_LENGTH = 200

export interface TypeCounts {
  string: number
  number: number
  boolean: number
  array: number
  object: number
}

export interface ColumnProfile {
  name: string
  /** Rows profiled: the same for every column (rows before a column first appeared included). */
  count: number
  /** Rows whose value is null, '' or absent. */
  nulls: number
  /** Of `nulls`, rows without the key at all. */
  missing: number
  /** Non-null values by JSON type; '' counts as a null, not a string. */
  types: TypeCounts
  /** Numbers plus strings that read as decimal numbers ('3.5', '-2e3'): CSV cells are strings. */
  numericCount: number
  /** Distribution of those numeric values. */
  numeric: QuantileSketchJSON | null
  /** Strings up to `maxCategoryLength`, booleans and numbers, keyed by their string form. */
  categories: FrequencySketchJSON | null
  /** Strings longer than `maxCategoryLength`, left out of `categories`. */
  longStrings: number
  /** Lengths of the non-empty strings, in UTF-16 code units. */
  textLength: QuantileSketchJSON | null
}

export interface DatasetProfile {
  version: 1
  rows: number
  options: ResolvedProfileOptions
  /** Columns given to the builder first, then in order of first appearance. */
  columns: ColumnProfile[]
}

/** Aliases outside the per-value path's global scope (slow global lookups under Jest's vm contexts). */
const finite = Number.isFinite
const isArray = Array.isArray
const toText = String

/**
 * Decimal numbers as people and CSV writers write them; not hex, not Infinity/NaN, not '1,000',
 * which `Number()` would partly accept and which are rarely meant as quantities.
 */
const NUMERIC = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/
/** Longer strings are never taken as numbers, so free text costs one length check. */
const MAX_NUMERIC_LENGTH = 64

/** The number a CSV-style cell stands for, or null. */
export function parseNumeric(text: string): number | null {
  if (text.length > MAX_NUMERIC_LENGTH || !NUMERIC.test(text)) return null
  const value = Number(text)
  return finite(value) ? value : null
}

function resolve(options: ProfileOptions): ResolvedProfileOptions {
  return {
    categoryCap: options.categoryCap ?? DEFAULT_FREQUENCY_CAP,
    maxCategoryLength: options.maxCategoryLength ?? DEFAULT_MAX_CATEGORY_LENGTH,
    quantileK: options.quantileK ?? DEFAULT_K,
    exactCapacity: options.exactCapacity ?? DEFAULT_EXACT_CAPACITY
  }
}

function sameOptions(a: ResolvedProfileOptions, b: ResolvedProfileOptions): boolean {
  return (
    a.categoryCap === b.categoryCap &&
    a.maxCategoryLength === b.maxCategoryLength &&
    a.quantileK === b.quantileK &&
    a.exactCapacity === b.exactCapacity
  )
}

function mergeInto<T extends { merge(other: T): void }>(
  mine: T | null,
  theirs: T | null
): T | null {
  if (theirs === null) return mine
  if (mine === null) return theirs
  mine.merge(theirs)
  return mine
}

class ColumnBuilder {
  /** Rows carrying the key (with any value, null included). */
  present = 0
  /** Of those, null or ''. */
  nullish = 0
  types: TypeCounts = { string: 0, number: 0, boolean: 0, array: 0, object: 0 }
  numericCount = 0
  longStrings = 0
  numeric: QuantileSketch | null = null
  categories: FrequencySketch | null = null
  textLength: QuantileSketch | null = null

  constructor(
    readonly name: string,
    private readonly options: ResolvedProfileOptions
  ) {}

  add(value: JsonValue): void {
    this.present++
    if (value === null || value === '') {
      this.nullish++
      return
    }
    switch (typeof value) {
      case 'string': {
        this.types.string++
        this.lengths().add(value.length)
        if (value.length <= this.options.maxCategoryLength) this.category(value)
        else this.longStrings++
        const number = parseNumeric(value)
        if (number !== null) this.addNumber(number)
        return
      }
      case 'number':
        this.types.number++
        this.category(toText(value))
        if (finite(value)) this.addNumber(value)
        return
      case 'boolean':
        this.types.boolean++
        this.category(value ? 'true' : 'false')
        return
      default:
        if (isArray(value)) this.types.array++
        else this.types.object++
    }
  }

  merge(other: ColumnBuilder): void {
    this.present += other.present
    this.nullish += other.nullish
    for (const key of Object.keys(this.types) as (keyof TypeCounts)[])
      this.types[key] += other.types[key]
    this.numericCount += other.numericCount
    this.longStrings += other.longStrings
    // Copies, so that `other` stays usable and never shares state with this builder.
    this.numeric = mergeInto(
      this.numeric,
      other.numeric && QuantileSketch.fromJSON(other.numeric.toJSON())
    )
    this.categories = mergeInto(
      this.categories,
      other.categories && FrequencySketch.fromJSON(other.categories.toJSON())
    )
    this.textLength = mergeInto(
      this.textLength,
      other.textLength && QuantileSketch.fromJSON(other.textLength.toJSON())
    )
  }

  toProfile(rows: number): ColumnProfile {
    const missing = rows - this.present
    return {
      name: this.name,
      count: rows,
      nulls: missing + this.nullish,
      missing,
      types: { ...this.types },
      numericCount: this.numericCount,
      numeric: this.numeric?.toJSON() ?? null,
      categories: this.categories?.toJSON() ?? null,
      longStrings: this.longStrings,
      textLength: this.textLength?.toJSON() ?? null
    }
  }

  static fromProfile(column: ColumnProfile, options: ResolvedProfileOptions): ColumnBuilder {
    const builder = new ColumnBuilder(column.name, options)
    builder.present = column.count - column.missing
    builder.nullish = column.nulls - column.missing
    builder.types = { ...column.types }
    builder.numericCount = column.numericCount
    builder.longStrings = column.longStrings
    builder.numeric = column.numeric && QuantileSketch.fromJSON(column.numeric)
    builder.categories = column.categories && FrequencySketch.fromJSON(column.categories)
    builder.textLength = column.textLength && QuantileSketch.fromJSON(column.textLength)
    return builder
  }

  private addNumber(value: number): void {
    this.numericCount++
    this.numeric ??= this.quantileSketch()
    this.numeric.add(value)
  }

  private category(value: string): void {
    this.categories ??= new FrequencySketch(this.options.categoryCap)
    this.categories.add(value)
  }

  private lengths(): QuantileSketch {
    this.textLength ??= this.quantileSketch()
    return this.textLength
  }

  private quantileSketch(): QuantileSketch {
    return new QuantileSketch({
      k: this.options.quantileK,
      exactCapacity: this.options.exactCapacity
    })
  }
}

/**
 * Streams rows into per-column profiles. `columns` (a CSV header, say) fixes the leading column
 * order; any other key is added when first seen, and rows before it count as missing it.
 */
export class DatasetProfileBuilder {
  readonly options: ResolvedProfileOptions
  private readonly columns = new Map<string, ColumnBuilder>()
  private rowCount = 0

  constructor(columns: readonly string[] | null, options: ProfileOptions = {}) {
    this.options = resolve(options)
    for (const name of columns ?? []) this.column(name)
  }

  /** Rows added (merged ones included). */
  get rows(): number {
    return this.rowCount
  }

  add(values: RowValues): void {
    this.rowCount++
    for (const key in values) {
      const value = values[key]
      // An explicit undefined (never produced by a parser, but possible in code) means absent.
      if (value !== undefined) this.column(key).add(value)
    }
  }

  /** Adds the rows of `other` (built with the same options); `other` is left unchanged. */
  merge(other: DatasetProfileBuilder): void {
    if (!sameOptions(this.options, other.options)) {
      throw new Error('cannot merge dataset profiles built with different options')
    }
    const columns = [...other.columns.values()]
    this.rowCount += other.rowCount
    for (const column of columns) this.column(column.name).merge(column)
  }

  /** The profile so far, as plain data; the builder can keep going afterwards. */
  finish(): DatasetProfile {
    return {
      version: 1,
      rows: this.rowCount,
      options: { ...this.options },
      columns: [...this.columns.values()].map((column) => column.toProfile(this.rowCount))
    }
  }

  /** A builder that continues from a finished profile (for merging profiles of shards). */
  static fromProfile(profile: DatasetProfile): DatasetProfileBuilder {
    if (profile.version !== 1)
      throw new Error(`unsupported dataset profile version ${String(profile.version)}`)
    const builder = new DatasetProfileBuilder(null, profile.options)
    builder.rowCount = profile.rows
    for (const column of profile.columns) {
      builder.columns.set(column.name, ColumnBuilder.fromProfile(column, builder.options))
    }
    return builder
  }

  private column(name: string): ColumnBuilder {
    let column = this.columns.get(name)
    if (column === undefined) {
      column = new ColumnBuilder(name, this.options)
      this.columns.set(name, column)
    }
    return column
  }
}

/** The profile of the union of two datasets' rows. */
export function mergeProfiles(a: DatasetProfile, b: DatasetProfile): DatasetProfile {
  const builder = DatasetProfileBuilder.fromProfile(a)
  builder.merge(DatasetProfileBuilder.fromProfile(b))
  return builder.finish()
}

/** The JSON type of a column's non-null values: 'mixed' when more than one occurs. */
export function columnType(column: ColumnProfile): ColumnType {
  const seen = (Object.keys(column.types) as (keyof TypeCounts)[]).filter(
    (type) => column.types[type] > 0
  )
  if (seen.length === 0) return 'null'
  return seen.length === 1 ? seen[0] : 'mixed'
}
