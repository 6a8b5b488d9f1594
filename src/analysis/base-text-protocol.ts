import type { BaseTextState } from './base-text.js'

/** A batch of base rows, column by column (fewer objects to copy between threads). */
export interface RowBatch {
  type: 'rows'
  inputs: string[]
  outputs: string[]
  allTexts: string[]
  labels: Array<string | null>
  draws: Float64Array
}

export type ToBaseTextWorker = RowBatch | { type: 'finish' }

export type FromBaseTextWorker = { type: 'ack' } | { type: 'done'; state: BaseTextState }
