import { Worker } from 'node:worker_threads'
import { workerUrl } from '../worker-url.js'
import {
  BaseTextStats,
  type BaseTextConfig,
  type BaseTextRow,
  type BaseTextState
} from './base-text.js'
import type { FromBaseTextWorker, RowBatch } from './base-text-protocol.js'

/** Where the base's text statistics are gathered: see `openBaseText`. */
export interface BaseTextSink {
  /** Takes a row; a promise when the caller must wait before adding more. */
  add(row: BaseTextRow): Promise<void> | undefined
  finish(): Promise<BaseTextState>
  /** Stops the work when the pass is abandoned (an error); harmless after `finish`. */
  abort(): void
}

const BATCH_ROWS = 64
/** Batches sent but not yet processed: enough to keep the worker busy, few enough to bound memory. */
const MAX_IN_FLIGHT = 32

/**
 * The text statistics of a large base are gathered in a worker thread, fed in file order while
 * the main thread reads, parses and profiles the rows: the two halves of the work run on two
 * cores, and the result is the same as on one thread. Small files are not worth a thread.
 */
export async function openBaseText(
  config: BaseTextConfig,
  useWorker: boolean
): Promise<BaseTextSink> {
  if (!useWorker) {
    const stats = new BaseTextStats(config)
    return {
      add: (row) => {
        stats.add(row)
        return undefined
      },
      finish: () => Promise.resolve(stats.finish()),
      abort: () => {}
    }
  }
  return new WorkerSink(new Worker(await workerUrl('base-text-worker'), { workerData: config }))
}

class WorkerSink implements BaseTextSink {
  private batch = emptyBatch()
  private draws: number[] = []
  private inFlight = 0
  private failure: Error | null = null
  private done = false
  private resumeSender: (() => void) | null = null
  private resolveDone: ((state: BaseTextState) => void) | null = null
  private rejectDone: ((error: Error) => void) | null = null

  constructor(private readonly worker: Worker) {
    worker.on('message', (message: FromBaseTextWorker) => {
      if (message.type === 'ack') {
        this.inFlight--
        this.resume()
      } else {
        this.done = true
        this.resolveDone?.(message.state)
        void this.worker.terminate()
      }
    })
    worker.on('error', (error) => this.fail(error))
    worker.on('exit', (code) => {
      if (!this.done) this.fail(new Error(`worker stopped (exit code ${code})`))
    })
  }

  add(row: BaseTextRow): Promise<void> | undefined {
    if (this.failure) throw this.failure
    const batch = this.batch
    batch.inputs.push(row.input)
    batch.outputs.push(row.output)
    batch.allTexts.push(row.allText)
    batch.labels.push(row.label)
    this.draws.push(row.draw)
    if (batch.inputs.length < BATCH_ROWS) return undefined
    this.send()
    if (this.inFlight < MAX_IN_FLIGHT) return undefined
    return new Promise((resolve) => (this.resumeSender = resolve))
  }

  async finish(): Promise<BaseTextState> {
    if (this.failure) throw this.failure
    if (this.batch.inputs.length) this.send()
    return new Promise((resolve, reject) => {
      this.resolveDone = resolve
      this.rejectDone = reject
      this.worker.postMessage({ type: 'finish' })
    })
  }

  abort(): void {
    if (this.done) return
    this.done = true
    void this.worker.terminate()
  }

  private send(): void {
    const draws = Float64Array.from(this.draws)
    const message: RowBatch = { ...this.batch, draws }
    this.worker.postMessage(message, [draws.buffer])
    this.inFlight++
    this.batch = emptyBatch()
    this.draws = []
  }

  private resume(): void {
    if (this.inFlight < MAX_IN_FLIGHT && this.resumeSender) {
      const resume = this.resumeSender
      this.resumeSender = null
      resume()
    }
  }

  private fail(error: Error): void {
    if (this.failure) return
    this.failure = new Error(`the base-statistics worker failed: ${error.message}`)
    this.rejectDone?.(this.failure)
    // A sender waiting for room is released; its next add() throws the failure.
    if (this.resumeSender) {
      const resume = this.resumeSender
      this.resumeSender = null
      resume()
    }
  }
}

function emptyBatch(): Omit<RowBatch, 'draws'> {
  return { type: 'rows', inputs: [], outputs: [], allTexts: [], labels: [] }
}
