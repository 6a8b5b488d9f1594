/**
 * Parquet reader. Decoding runs in a worker thread (parquet-worker.ts over parquet-decode.ts, one
 * worker per read) because hyparquet decodes in synchronous loops that a corrupt or hostile file can
 * make endless (1.33's RLE/bit-packed hybrid decoder spins forever on a bit-packed run whose length
 * overflows), and a loop on the main thread could not be interrupted, not even by the run's time
 * budget. The worker posts the events in batches; a watchdog terminates it when it makes no progress
 * (starts no row group, delivers no batch) for `progressTimeoutMs`, and that becomes a problem event
 * like any other corrupt Parquet. What a worker cannot contain: an allocation V8 refuses outright
 * (an array grown past its maximum length, which a huge corrupt RLE run also causes) aborts the
 * whole process, worker or not; a heap that fills gradually only ends the worker (a problem, too).
 *
 * Parquet is read from its footer backwards, so the whole file is in memory: the caller hands the
 * blob over as one buffer (bounded by `limits.max-file-bytes`), and it is transferred to the worker.
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads'
import { types } from 'node:util'
import type { ReadEvent } from '../types.js'
import { workerUrl } from '../worker-url.js'
import { PULL, type DecoderInput, type DecoderMessage } from './parquet-protocol.js'

export interface ParquetOptions {
  /** Most bytes one row group may decompress to; default DEFAULT_MAX_ROW_GROUP_BYTES. */
  maxRowGroupBytes?: number
  /**
   * Longest the decoder may go without progress (starting a row group, delivering a batch of
   * rows), in milliseconds, before it is stopped; default DEFAULT_PROGRESS_TIMEOUT_MS.
   */
  progressTimeoutMs?: number
}

/** Generous for real files (writers aim at 128 MiB groups or less), small enough to survive. */
export const DEFAULT_MAX_ROW_GROUP_BYTES = 512 * 1024 * 1024

/** Decoding a 512 MiB row group takes seconds; a decoder silent this long is stuck. */
export const DEFAULT_PROGRESS_TIMEOUT_MS = 30_000

/** Events per message from the worker: few enough to keep memory flat, many enough to be cheap. */
const BATCH_SIZE = 1024

/**
 * The rows of a Parquet file (addressed by 0-based row index, no lines) and its problems.
 *
 * `bytes` are handed over: when they span their whole ArrayBuffer, that buffer is transferred to
 * the decoder without a copy and the caller's view is left empty (detached); a view into a larger
 * buffer (e.g. Node's shared pool for small Buffers) is copied instead.
 */
export async function* readParquet(
  bytes: Buffer | Uint8Array,
  options: ParquetOptions = {}
): AsyncGenerator<ReadEvent> {
  const timeoutMs = options.progressTimeoutMs ?? DEFAULT_PROGRESS_TIMEOUT_MS
  const decoder = await Decoder.start(
    bytes,
    options.maxRowGroupBytes ?? DEFAULT_MAX_ROW_GROUP_BYTES
  )
  let group: { row: number; where: string } | null = null
  try {
    for (;;) {
      const next = await decoder.next(timeoutMs)
      switch (next.kind) {
        case 'row-group':
          group = next
          break
        case 'events':
          // The worker decodes the next batch while this one is handed out.
          if (!next.last) decoder.pull()
          yield* JSON.parse(next.json) as ReadEvent[]
          if (next.last) return
          break
        case 'stopped':
          yield stoppedProblem(group, next.reason)
          return
        case 'fail':
          throw new Error(`the Parquet decoder failed: ${next.message}`)
      }
    }
  } finally {
    // Also when the caller stops early: the worker must not outlive the read.
    await decoder.stop()
  }
}

/** Where decoding stood when the worker was stopped, as a problem about the file. */
function stoppedProblem(group: { row: number; where: string } | null, reason: string): ReadEvent {
  const message = `Parquet decoding stopped: ${reason} (corrupt or hostile file); the rest of the file was not read`
  return {
    type: 'problem',
    problem: group ? { row: group.row, message: `${group.where}: ${message}` } : { message }
  }
}

/** What waiting on the worker gives: one of its messages, or why it was stopped. */
type Outcome = DecoderMessage | { kind: 'stopped'; reason: string }

/** One decoder worker and the main thread's side of its channel. */
class Decoder {
  private readonly queue: Outcome[] = []
  /** How the worker ended (error or exit), taken once its queued messages are consumed. */
  private ended: Outcome | null = null
  private wake: (() => void) | null = null

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort
  ) {
    port.on('message', (message: DecoderMessage) => {
      this.queue.push(message)
      this.wake?.()
    })
    worker.on('error', (error) => this.end(workerError(error)))
    worker.on('exit', (code) =>
      this.end({ kind: 'fail', message: `the worker exited (code ${code}) before the end` })
    )
    // Neither keeps the process alive by itself: the watchdog timer does while a read waits, so a
    // read abandoned without being closed cannot hold the process open.
    worker.unref()
    port.unref()
  }

  static async start(bytes: Buffer | Uint8Array, maxRowGroupBytes: number): Promise<Decoder> {
    // dist/parquet-worker.js beside the bundle (a build entry of its own in scripts/bundle.mjs);
    // run from sources (ts-jest), built from src/ in memory, so tests run the current worker code.
    const url = await workerUrl('parquet-worker')
    const file = handOver(bytes)
    const { port1, port2 } = new MessageChannel()
    const input: DecoderInput = {
      bytes: file,
      maxRowGroupBytes,
      batchSize: BATCH_SIZE,
      port: port2
    }
    const worker = new Worker(url, { workerData: input, transferList: [file, port2] })
    return new Decoder(worker, port1)
  }

  /** The worker's next message, or `stopped` when none comes within `timeoutMs`. */
  next(timeoutMs: number): Promise<Outcome> {
    const ready = this.queue.shift() ?? this.ended
    if (ready) return Promise.resolve(ready)
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null
        // A message can be waiting undelivered when the main thread was busy: it still counts.
        const late = receiveMessageOnPort(this.port)
        resolve(
          late
            ? (late.message as DecoderMessage)
            : { kind: 'stopped', reason: `no progress for ${timeoutMs / 1000} s` }
        )
      }, timeoutMs)
      this.wake = () => {
        clearTimeout(timer)
        this.wake = null
        resolve((this.queue.shift() ?? this.ended) as Outcome)
      }
    })
  }

  /** Asks for the batch after the one just received. */
  pull(): void {
    this.port.postMessage(PULL)
  }

  async stop(): Promise<void> {
    this.port.close()
    await this.worker.terminate()
  }

  private end(outcome: Outcome): void {
    // Messages posted on a channel of our own are not drained before 'exit': take them first.
    for (let late = receiveMessageOnPort(this.port); late; late = receiveMessageOnPort(this.port)) {
      this.queue.push(late.message as DecoderMessage)
    }
    this.ended ??= outcome
    this.wake?.()
  }
}

function workerError(error: Error): Outcome {
  if ((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return { kind: 'stopped', reason: 'out of memory' }
  }
  return { kind: 'fail', message: error.stack ?? error.message }
}

/** The file as one ArrayBuffer to transfer: the caller's own when the view spans it, else a copy. */
function handOver(bytes: Buffer | Uint8Array): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = bytes
  // Not `instanceof`, which fails for a buffer from another realm (a vm context, as under Jest).
  if (types.isArrayBuffer(buffer) && byteOffset === 0 && byteLength === buffer.byteLength) {
    return buffer
  }
  return new Uint8Array(bytes).buffer
}
