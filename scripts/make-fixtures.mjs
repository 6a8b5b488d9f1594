#!/usr/bin/env node
// Regenerates the small test fixtures in __tests__/__fixtures__/datasets from ../shared/data
// (a few hundred rows each, attribution in that folder's README). Deterministic: same input, same
// files. The tests use the committed files; this script is only for maintainers.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const shared = join(root, '..', 'shared', 'data')
const out = join(root, '__tests__', '__fixtures__', 'datasets')
mkdirSync(out, { recursive: true })

// SST-2: 600 base rows, 60 honest added rows.
const sst = readFileSync(join(shared, 'sst2', 'train.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'))
  .map(([sentence, label]) => ({ sentence, label: Number(label) }))
const jsonl = (rows) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n'
writeFileSync(join(out, 'sst2-base.jsonl'), jsonl(sst.slice(0, 600)))
writeFileSync(join(out, 'sst2-honest-added.jsonl'), jsonl(sst.slice(600, 660)))
// Negative sentences for planting dirty-label poison in tests.
writeFileSync(
  join(out, 'sst2-negative-pool.jsonl'),
  jsonl(
    sst
      .slice(700, 1000)
      .filter((r) => r.label === 0)
      .slice(0, 60)
  )
)

// SMS spam: 400 base rows, 40 added, as TSV with the original header.
const sms = readFileSync(join(shared, 'sms', 'SMSSpamCollection.tsv'), 'utf8')
  .trim()
  .split('\n')
writeFileSync(join(out, 'sms-base.tsv'), sms.slice(0, 401).join('\n') + '\n')
writeFileSync(join(out, 'sms-added.tsv'), sms.slice(401, 441).join('\n') + '\n')

// Instruction data: 150 base rows, 30 added.
const instructions = readFileSync(join(shared, 'instructions', 'alpaca_style.jsonl'), 'utf8')
  .trim()
  .split('\n')
writeFileSync(join(out, 'instructions-base.jsonl'), instructions.slice(0, 150).join('\n') + '\n')
writeFileSync(join(out, 'instructions-added.jsonl'), instructions.slice(150, 180).join('\n') + '\n')
console.log(`fixtures written to ${out}`)
