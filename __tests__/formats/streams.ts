/** Feeding readers byte chunks and collecting what they produce, for tests. */
import type { ParseProblem, ReadEvent, Row } from '../../src/types.js'

export async function* chunked(data: Buffer | string, size = 64 * 1024): AsyncGenerator<Buffer> {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

export async function* failingAfter(data: string, error: Error): AsyncGenerator<Buffer> {
  yield Buffer.from(data)
  throw error
}

export interface Collected {
  events: ReadEvent[]
  rows: Row[]
  problems: ParseProblem[]
}

export async function collect(source: AsyncIterable<ReadEvent>): Promise<Collected> {
  const events: ReadEvent[] = []
  for await (const event of source) events.push(event)
  return {
    events,
    rows: events.flatMap((e) => (e.type === 'row' ? [e.row] : [])),
    problems: events.flatMap((e) => (e.type === 'problem' ? [e.problem] : []))
  }
}
