/**
 * Entry point of the Parquet decoder worker (bundled as dist/parquet-worker.js): decodes the file it
 * is handed and posts its read events in batches (see parquet-protocol.ts). The main thread stops
 * this worker when it makes no progress; see parquet.ts.
 */
import { workerData } from 'node:worker_threads'
import type { ReadEvent } from '../types.js'
import { decodeParquet } from './parquet-decode.js'
import type { DecoderInput, DecoderMessage } from './parquet-protocol.js'

const input = workerData as DecoderInput
const { port } = input

function post(message: DecoderMessage): void {
  port.postMessage(message)
}

/** Resolves when the main thread asks for the next batch. */
function pulled(): Promise<void> {
  return new Promise((resolve) => port.once('message', () => resolve()))
}

async function decode(): Promise<void> {
  let batch: ReadEvent[] = []
  /** Posts the events so far and waits for the pull: the worker stays at most a batch ahead. */
  async function flush(): Promise<void> {
    post({ kind: 'events', json: JSON.stringify(batch), last: false })
    batch = []
    await pulled()
  }
  for await (const event of decodeParquet(new Uint8Array(input.bytes), input.maxRowGroupBytes)) {
    if (event.type === 'row-group') {
      // The rows before a row group are delivered before it is decoded: a group that hangs the
      // decoder (and gets it stopped) must not take earlier rows with it.
      if (batch.length > 0) await flush()
      post({ kind: 'row-group', row: event.row, where: event.where })
    } else {
      batch.push(event)
      if (batch.length >= input.batchSize) await flush()
    }
  }
  post({ kind: 'events', json: JSON.stringify(batch), last: true })
}

try {
  await decode()
} catch (error) {
  post({
    kind: 'fail',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error)
  })
} finally {
  port.close()
}
