import type { JsonValue, RowValues } from '../types.js'
import type { ColumnInfo, ColumnRole, ColumnType, DatasetShape } from './types.js'

/** Column choices a policy can force; anything not given is inferred. */
export interface ShapeHints {
  textColumns?: string[]
  labelColumn?: string
  keyColumn?: string
  outputColumns?: string[]
}

const MESSAGE_COLUMNS = ['messages', 'conversations', 'conversation', 'dialog', 'dialogue', 'chat']
const INSTRUCTION_PAIRS: Array<{ input: string[]; output: string[] }> = [
  { input: ['instruction', 'input', 'context'], output: ['output'] },
  { input: ['instruction', 'input', 'context'], output: ['response'] },
  { input: ['prompt'], output: ['completion'] },
  { input: ['prompt'], output: ['response'] },
  { input: ['prompt'], output: ['chosen'] },
  { input: ['question', 'context'], output: ['answer'] },
  { input: ['query'], output: ['response'] },
  { input: ['input'], output: ['output'] },
  { input: ['instruction'], output: ['answer'] }
]
const LABEL_NAMES =
  /^(labels?|class(es)?|category|categories|target|sentiment|intent|y|tag|gold|verdict|is_[a-z_]+)$/i
const TEXT_NAMES =
  /^(text|sentence|content|review|sms|message|document|tweet|comment|body|question|title|passage|utterance)$/i
const ID_NAMES = /^(id|_id|uuid|guid|idx|index|key|row_?id|[a-z]+_id)$/i

/**
 * Infers what each column is and which fine-tuning layout the file follows, from a sample of rows.
 * The layout decides which text the detectors treat as the model's input and which as its target.
 */
export function inferShape(sample: RowValues[], hints: ShapeHints = {}): DatasetShape {
  const names = columnNames(sample)
  const stats = new Map(names.map((name) => [name, columnStats(sample, name)]))
  const columns: ColumnInfo[] = names.map((name) => ({
    name,
    type: stats.get(name)!.type,
    role: 'other' as ColumnRole
  }))
  const byName = new Map(columns.map((c) => [c.name.toLowerCase(), c]))
  const keyField = hints.keyColumn
  const setRole = (name: string | undefined, role: ColumnRole): void => {
    const column = name === undefined ? undefined : columns.find((c) => c.name === name)
    if (column) column.role = role
  }

  const messagesColumn =
    columns.find(
      (c) => MESSAGE_COLUMNS.includes(c.name.toLowerCase()) && stats.get(c.name)!.looksLikeChat
    ) ?? columns.find((c) => stats.get(c.name)!.looksLikeChat)

  let shape: DatasetShape
  if (hints.textColumns || hints.labelColumn || hints.outputColumns) {
    const outputFields = hints.outputColumns ?? []
    // A hint names some columns; the others are still inferred (text columns alone must not
    // switch off label detection).
    const named = new Set([...(hints.textColumns ?? []), ...outputFields])
    const labelField =
      hints.labelColumn ??
      (outputFields.length
        ? undefined
        : guessLabelColumn(
            columns.filter((c) => !named.has(c.name)),
            stats,
            sample.length
          ))
    const inputFields = hints.textColumns ?? guessTextColumns(columns, stats, labelField)
    shape = {
      kind: labelField ? 'classification' : outputFields.length ? 'instruction' : 'text',
      columns,
      inputFields,
      outputFields,
      labelField
    }
  } else if (messagesColumn) {
    shape = {
      kind: 'chat',
      columns,
      inputFields: [],
      outputFields: [],
      messagesField: messagesColumn.name
    }
  } else {
    const pair = INSTRUCTION_PAIRS.find(
      (p) => byName.has(p.input[0]) && p.output.every((o) => byName.has(o))
    )
    if (pair) {
      shape = {
        kind: 'instruction',
        columns,
        inputFields: pair.input.filter((f) => byName.has(f)).map((f) => byName.get(f)!.name),
        outputFields: pair.output.map((f) => byName.get(f)!.name)
      }
    } else {
      const labelField = guessLabelColumn(columns, stats, sample.length)
      const inputFields = guessTextColumns(columns, stats, labelField)
      shape = {
        kind:
          labelField && inputFields.length
            ? 'classification'
            : inputFields.length
              ? 'text'
              : 'tabular',
        columns,
        inputFields,
        outputFields: [],
        labelField: inputFields.length ? labelField : undefined
      }
    }
  }
  if (keyField) shape.keyField = keyField

  for (const column of columns) {
    const s = stats.get(column.name)!
    if (column.name === shape.messagesField) column.role = 'messages'
    else if (column.name === shape.labelField) column.role = 'label'
    else if (shape.inputFields.includes(column.name) || shape.outputFields.includes(column.name))
      column.role = 'text'
    else if (column.name === keyField || (ID_NAMES.test(column.name) && s.unique))
      column.role = 'id'
    else if (s.numeric) column.role = 'numeric'
    else if (s.type === 'string' && s.meanLength > 40) column.role = 'text'
    else if (s.distinct <= Math.max(20, sample.length * 0.05)) column.role = 'categorical'
  }
  setRole(keyField, 'id')
  return shape
}

interface ColumnStats {
  type: ColumnType
  numeric: boolean
  distinct: number
  unique: boolean
  meanLength: number
  looksLikeChat: boolean
  present: number
}

function columnNames(sample: RowValues[]): string[] {
  const names = new Set<string>()
  for (const row of sample) for (const name of Object.keys(row)) names.add(name)
  return [...names]
}

function columnStats(sample: RowValues[], name: string): ColumnStats {
  const types = new Set<ColumnType>()
  const distinct = new Set<string>()
  let numeric = 0
  let present = 0
  let lengthSum = 0
  let strings = 0
  let chat = 0
  for (const row of sample) {
    const value = row[name]
    if (value === undefined || value === null || value === '') continue
    present++
    types.add(valueType(value))
    distinct.add(typeof value === 'string' ? value.trim() : JSON.stringify(value))
    if (typeof value === 'number' || (typeof value === 'string' && isNumericString(value)))
      numeric++
    if (typeof value === 'string') {
      strings++
      lengthSum += value.length
    }
    if (isChatValue(value)) chat++
  }
  const type: ColumnType = types.size === 0 ? 'null' : types.size === 1 ? [...types][0] : 'mixed'
  return {
    type,
    numeric: present > 0 && numeric === present,
    distinct: distinct.size,
    unique: present > 1 && distinct.size === present,
    meanLength: strings ? lengthSum / strings : 0,
    looksLikeChat: present > 0 && chat >= present * 0.9,
    present
  }
}

function guessLabelColumn(
  columns: ColumnInfo[],
  stats: Map<string, ColumnStats>,
  rows: number
): string | undefined {
  const lowCardinality = (name: string): boolean => {
    const s = stats.get(name)!
    return (
      s.present > 0 && s.distinct <= Math.min(100, Math.max(2, rows * 0.2)) && s.meanLength < 40
    )
  }
  const named = columns.find((c) => LABEL_NAMES.test(c.name) && lowCardinality(c.name))
  if (named) return named.name
  if (rows < 20) return undefined
  const candidates = columns.filter(
    (c) => lowCardinality(c.name) && stats.get(c.name)!.distinct >= 2 && !ID_NAMES.test(c.name)
  )
  return candidates.length === 1 ? candidates[0].name : undefined
}

function guessTextColumns(
  columns: ColumnInfo[],
  stats: Map<string, ColumnStats>,
  labelField: string | undefined
): string[] {
  const strings = columns.filter(
    (c) =>
      c.name !== labelField &&
      (stats.get(c.name)!.type === 'string' || stats.get(c.name)!.type === 'mixed')
  )
  const named = strings.filter((c) => TEXT_NAMES.test(c.name) && !stats.get(c.name)!.numeric)
  if (named.length) return named.map((c) => c.name)
  const long = strings
    .filter((c) => stats.get(c.name)!.meanLength >= 15 && !stats.get(c.name)!.numeric)
    .sort((a, b) => stats.get(b.name)!.meanLength - stats.get(a.name)!.meanLength)
  return long.slice(0, 1).map((c) => c.name)
}

function valueType(value: JsonValue): ColumnType {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  const type = typeof value
  return type === 'string' || type === 'number' || type === 'boolean' ? type : 'object'
}

export function isNumericString(value: string): boolean {
  return /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)
}

function isChatValue(value: JsonValue): boolean {
  if (!Array.isArray(value) || value.length === 0) return false
  return value.every(
    (turn) =>
      turn !== null &&
      typeof turn === 'object' &&
      !Array.isArray(turn) &&
      ('role' in turn || 'from' in turn) &&
      ('content' in turn || 'value' in turn || 'tool_calls' in turn)
  )
}
