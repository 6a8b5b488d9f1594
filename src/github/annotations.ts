/**
 * Prints the annotations rendered by src/report/annotations.ts. They are written as finished
 * workflow commands, not through core.error (which would escape the already escaped text again).
 */
import { EOL } from 'node:os'
import type { Report } from '../types.js'
import { renderAnnotations } from '../report/annotations.js'

export function emitAnnotations(
  report: Report,
  write: (text: string) => void = (text) => process.stdout.write(text)
): number {
  const lines = renderAnnotations(report)
  for (const line of lines) write(`${line}${EOL}`)
  return lines.length
}
