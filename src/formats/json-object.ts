import type { JsonValue, RowValues } from '../types.js'

/** The parsed JSON object of one record, or why the text is not one (shared by the JSON readers). */
export function parseJsonObject(text: string): RowValues | string {
  let value: JsonValue
  try {
    value = JSON.parse(text) as JsonValue
  } catch (error) {
    if (error instanceof RangeError) return 'JSON nested too deeply to parse'
    return `invalid JSON: ${shortReason(error)}`
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return `expected a JSON object, found ${kindOf(value)}`
  }
  return value
}

/** V8's message, cut short: it may quote a large part of the (untrusted) input. */
function shortReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.length > 120 ? `${message.slice(0, 117)}...` : message
}

function kindOf(value: JsonValue): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return 'a string'
  if (typeof value === 'number') return 'a number'
  return 'a boolean'
}
