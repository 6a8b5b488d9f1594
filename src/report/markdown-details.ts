/**
 * A finding's `details` rendered generically, since every check attaches its own evidence shape:
 * scalars and short lists as a bullet list, small arrays of objects as a mini table, everything
 * else left to the JSON report. Keys and values may come from the data (a brand, a token, a
 * label), so every string goes through the untrusted-text escaping.
 */
import { escapeMarkdownText, untrustedCode } from './escape.js'
import { formatNumber } from './format.js'

const MAX_ITEMS = 10
const MAX_COLUMNS = 6
const VALUE_LENGTH = 120
const CELL_LENGTH = 80

type Scalar = string | number | boolean

function isScalar(value: unknown): value is Scalar {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && !Number.isNaN(value))
  )
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function scalar(value: Scalar, maxLength: number): string {
  if (typeof value === 'number') return formatNumber(value)
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  return untrustedCode(value, { maxLength })
}

function label(key: string): string {
  return `**${escapeMarkdownText(key, { maxLength: 60 })}**`
}

function more(total: number): string {
  return total > MAX_ITEMS ? ` … and ${formatNumber(total - MAX_ITEMS)} more` : ''
}

/** Markdown blocks (already separated by blank lines), or '' when nothing is worth showing. */
export function renderDetails(details: Record<string, unknown>): string {
  const bullets: string[] = []
  const tables: string[] = []
  for (const [key, value] of Object.entries(details).slice(0, MAX_ITEMS * 2)) {
    if (isScalar(value)) {
      bullets.push(`- ${label(key)}: ${scalar(value, VALUE_LENGTH)}`)
    } else if (Array.isArray(value) && value.length > 0 && value.every(isScalar)) {
      const shown = value.slice(0, MAX_ITEMS).map((item) => scalar(item, CELL_LENGTH))
      bullets.push(`- ${label(key)}: ${shown.join(', ')}${more(value.length)}`)
    } else if (Array.isArray(value) && value.length > 0 && value.every(isPlainObject)) {
      tables.push(miniTable(key, value))
    } else if (isPlainObject(value)) {
      const entries = Object.entries(value).filter(([, item]) => isScalar(item))
      const shown = entries
        .slice(0, MAX_ITEMS)
        .map(
          ([subKey, item]) =>
            `${escapeMarkdownText(subKey, { maxLength: 60 })}: ${scalar(item as Scalar, CELL_LENGTH)}`
        )
      if (shown.length > 0)
        bullets.push(`- ${label(key)}: ${shown.join(', ')}${more(entries.length)}`)
    }
  }
  return [bullets.join('\n'), ...tables].filter((block) => block !== '').join('\n\n')
}

function miniTable(key: string, items: Record<string, unknown>[]): string {
  const shown = items.slice(0, MAX_ITEMS)
  const columns: string[] = []
  for (const item of shown) {
    for (const column of Object.keys(item)) {
      if (!columns.includes(column) && columns.length < MAX_COLUMNS) columns.push(column)
    }
  }
  const header = `| ${columns.map((column) => escapeMarkdownText(column, { maxLength: 40 })).join(' | ')} |`
  const rule = `| ${columns.map(() => '---').join(' | ')} |`
  const rows = shown.map((item) => {
    const cells = columns.map((column) => {
      const cell = item[column]
      if (isScalar(cell)) return scalar(cell, CELL_LENGTH)
      return cell === undefined || cell === null ? '' : '…'
    })
    return `| ${cells.join(' | ')} |`
  })
  const caption =
    items.length > MAX_ITEMS
      ? `${label(key)} (${MAX_ITEMS} of ${formatNumber(items.length)} shown)`
      : label(key)
  return [caption, '', header, rule, ...rows].join('\n')
}
