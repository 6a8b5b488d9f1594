import type { JsonValue, RowValues } from '../types.js'
import type { DatasetShape, RowFeatures } from './types.js'

const ASSISTANT_ROLES = new Set(['assistant', 'gpt', 'model', 'bot', 'chatbot'])

/** The text views of a row that the detectors read, according to the dataset's layout. */
export function rowFeatures(values: RowValues, shape: DatasetShape): RowFeatures {
  const allText = collectStrings(values).join('\n')
  if (shape.kind === 'chat' && shape.messagesField) {
    const { input, output } = splitChat(values[shape.messagesField])
    return { input, output, label: null, allText }
  }
  const input = shape.inputFields
    .map((f) => textOf(values[f]))
    .filter(Boolean)
    .join('\n')
  const output = shape.outputFields
    .map((f) => textOf(values[f]))
    .filter(Boolean)
    .join('\n')
  return { input, output, label: labelOf(values, shape), allText }
}

export function labelOf(values: RowValues, shape: DatasetShape): string | null {
  if (!shape.labelField) return null
  const value = values[shape.labelField]
  if (value === undefined || value === null) return null
  const text = typeof value === 'string' ? value.trim() : JSON.stringify(value)
  return text === '' ? null : text
}

/** Chat turns: what the model reads (system, user, tool results) versus what it learns to say. */
function splitChat(turns: JsonValue | undefined): { input: string; output: string } {
  const input: string[] = []
  const output: string[] = []
  if (!Array.isArray(turns)) return { input: '', output: '' }
  for (const turn of turns) {
    if (turn === null || typeof turn !== 'object' || Array.isArray(turn)) continue
    const role = String(turn.role ?? turn.from ?? '').toLowerCase()
    const content = textOf(turn.content ?? turn.value ?? null)
    const calls = turn.tool_calls !== undefined ? collectStrings(turn.tool_calls).join('\n') : ''
    const text = [content, calls].filter(Boolean).join('\n')
    if (!text) continue
    ;(ASSISTANT_ROLES.has(role) ? output : input).push(text)
  }
  return { input: input.join('\n'), output: output.join('\n') }
}

/** A field's text: strings as they are, content-part arrays flattened, other values as JSON. */
export function textOf(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return collectStrings(value).join('\n')
}

function collectStrings(value: JsonValue, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value)
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, out)
  else if (value !== null && typeof value === 'object')
    for (const key of Object.keys(value)) collectStrings(value[key], out)
  return out
}
