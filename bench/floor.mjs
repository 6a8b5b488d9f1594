#!/usr/bin/env node
/**
 * The floor: the least work any checker must do. Streams each given version of the file out of git
 * (`git cat-file blob REF:PATH`, one after the other) and JSON.parses every line; nothing else.
 *
 * Usage: node bench/floor.mjs REPO main:data/train.jsonl pr:data/train.jsonl
 * Prints one JSON line: {"versions":[{"object":...,"rows":N,"bytes":N,"messages":N}, ...]}
 */
import { spawn } from 'node:child_process'

const LF = 0x0a

async function parseVersion(repo, object) {
  const child = spawn('git', ['-C', repo, 'cat-file', 'blob', object], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const exit = new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', resolve)
  })
  let rows = 0
  let bytes = 0
  let messages = 0
  let carry = null
  const parseLines = (text) => {
    let start = 0
    while (start < text.length) {
      let end = text.indexOf('\n', start)
      if (end < 0) end = text.length
      if (end > start) {
        // Touch the result so the parse is observably used.
        messages += JSON.parse(text.slice(start, end)).messages.length
        rows++
      }
      start = end + 1
    }
  }
  for await (const chunk of child.stdout) {
    bytes += chunk.length
    const buffer = carry ? Buffer.concat([carry, chunk]) : chunk
    const last = buffer.lastIndexOf(LF)
    if (last < 0) {
      carry = buffer
      continue
    }
    // Split on the LF byte before decoding, so a UTF-8 character is never cut in two.
    parseLines(buffer.toString('utf8', 0, last))
    carry = last + 1 < buffer.length ? buffer.subarray(last + 1) : null
  }
  if (carry) parseLines(carry.toString('utf8'))
  const code = await exit
  if (code !== 0) throw new Error(`git cat-file blob ${object} exited with ${code}`)
  return { object, rows, bytes, messages }
}

const [repo, ...objects] = process.argv.slice(2)
if (!repo || objects.length === 0) {
  console.error('usage: node bench/floor.mjs REPO REF:PATH [REF:PATH ...]')
  process.exit(2)
}
const versions = []
for (const object of objects) versions.push(await parseVersion(repo, object))
process.stdout.write(JSON.stringify({ versions }) + '\n')
