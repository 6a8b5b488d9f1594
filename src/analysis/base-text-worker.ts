/**
 * Worker-thread entry: gathers the base's text statistics (base-text.ts) from batches of rows that
 * the main thread streams to it, while the main thread goes on reading and parsing the file.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { BaseTextStats, type BaseTextConfig } from './base-text.js'
import type { FromBaseTextWorker, ToBaseTextWorker } from './base-text-protocol.js'

const port = parentPort
if (!port) throw new Error('base-text-worker must run in a worker thread')
const stats = new BaseTextStats(workerData as BaseTextConfig)

port.on('message', (message: ToBaseTextWorker) => {
  if (message.type === 'rows') {
    const { inputs, outputs, allTexts, labels, draws } = message
    for (let i = 0; i < draws.length; i++) {
      stats.add({
        input: inputs[i],
        output: outputs[i],
        allText: allTexts[i],
        label: labels[i],
        draw: draws[i]
      })
    }
    port.postMessage({ type: 'ack' } satisfies FromBaseTextWorker)
    return
  }
  const state = stats.finish()
  port.postMessage({ type: 'done', state } satisfies FromBaseTextWorker, [
    state.halves[0].counts.buffer as ArrayBuffer,
    state.halves[1].counts.buffer as ArrayBuffer
  ])
})
