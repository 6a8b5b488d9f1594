/**
 * What the main thread and the Parquet decoder worker (parquet-worker.ts) say to each other over
 * their MessageChannel. The worker decodes ahead by at most one batch: after each batch that is not
 * the last it waits for a pull, which the main thread sends as it starts handing that batch out.
 */
import type { MessagePort } from 'node:worker_threads'

/** The worker's `workerData`; `bytes` and `port` are transferred, not copied. */
export interface DecoderInput {
  /** The whole file. */
  bytes: ArrayBuffer
  maxRowGroupBytes: number
  /** Events per batch. */
  batchSize: number
  port: MessagePort
}

export type DecoderMessage =
  /** Decoding of a row group starts (progress; no pull is awaited). */
  | { kind: 'row-group'; row: number; where: string }
  /**
   * A batch of read events (ReadEvent[]) as JSON text. Their values are JSON values already, and
   * JSON.parse on the main thread costs less than the structured clone's deserializer (about 1.1
   * against 1.5 µs a row, measured); the one difference, -0 read as 0, is invisible in JSON too.
   */
  | { kind: 'events'; json: string; last: boolean }
  /** The decoder itself failed (a bug, not bad data): the main thread throws. */
  | { kind: 'fail'; message: string }

/** Main thread to worker: send the next batch. */
export const PULL = 'pull'
