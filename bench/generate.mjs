#!/usr/bin/env node
/**
 * Deterministic synthetic chat dataset for the benchmark, as a git repository:
 *
 *   main  data/train.jsonl   N rows {"messages":[{"role":"system",...},{"role":"user",...},{"role":"assistant",...}]}
 *   pr    data/train.jsonl   the same rows with 1% new rows (half inserted at random positions, half
 *                            appended) and 0.1% of the rows removed
 *
 * Everything comes from a seeded PRNG and the hand-written word lists in words.mjs: no network, no
 * downloads. Each row's text depends only on (seed, row id), so both versions are written in ONE
 * streaming pass (nothing is held in memory), then stored with `git hash-object -w` (what `git add`
 * does, minus the index and the work tree) and committed with `git mktree` / `git commit-tree` under
 * fixed dates, so the same seed always gives the same commit ids.
 *
 * Usage: node bench/generate.mjs --rows 200000 [--seed N] [--force]
 * Library: ensureDataset(rows, { seed, force, log }) → { repo, manifest, generated }
 */
import { spawn } from 'node:child_process'
import { execFileSync } from 'node:child_process'
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync } from 'node:fs'
import { writeFileSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import {
  ADJECTIVES,
  ADVERBS,
  DOMAINS,
  FOREIGN,
  NAMES,
  NOUNS,
  PLACES,
  TECH,
  VERBS
} from './words.mjs'

/** Bump when the generated content changes, so cached repositories are rebuilt. */
export const GENERATOR_VERSION = 2
export const DEFAULT_SEED = 20240601
export const ADDED_FRACTION = 0.01
export const REMOVED_FRACTION = 0.001
export const CACHE_DIR = join(dirname(fileURLToPath(import.meta.url)), '.cache')
export const DATA_PATH = 'data/train.jsonl'

// ---------------------------------------------------------------------------------------------
// PRNG: mulberry32 with module-level state, reseeded per row from (seed, stream, index).

let state = 0

function next() {
  state = (state + 0x6d2b79f5) | 0
  let t = state
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return (t ^ (t >>> 14)) >>> 0
}

const random = () => next() / 4294967296
const below = (n) => Math.floor(random() * n)
const chance = (p) => random() < p

function fmix32(h) {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/** Streams: 1 base rows, 2 added rows, 3 system-prompt pool, 4 the PR's edit plan. */
function reseed(seed, stream, index) {
  state = fmix32((seed ^ Math.imul(stream, 0x9e3779b9)) + Math.imul(index, 0x7feb352d)) | 0
}

// ---------------------------------------------------------------------------------------------
// Vocabulary: Zipf-like sampling (weight 1/(rank+2.7)) through a 65,536-entry lookup table.

function zipfTable(length, exponent = 1) {
  const weights = Array.from({ length }, (_, r) => 1 / Math.pow(r + 2.7, exponent))
  const total = weights.reduce((a, b) => a + b, 0)
  const table = new Uint16Array(65536)
  let cumulative = 0
  let rank = 0
  for (let slot = 0; slot < 65536; slot++) {
    const u = (slot + 0.5) / 65536
    while (rank < length - 1 && (cumulative + weights[rank]) / total < u)
      cumulative += weights[rank++]
    table[slot] = rank
  }
  return table
}

function plural(noun) {
  if (/(s|x|z|ch|sh)$/.test(noun)) return noun + 'es'
  if (/[^aeiou]y$/.test(noun)) return noun.slice(0, -1) + 'ies'
  return noun + 's'
}

const thirdPerson = plural

/** A sampler over `words` (and a parallel inflected list sharing the same ranks). */
function sampler(words, exponent) {
  const table = zipfTable(words.length, exponent)
  return { words, table, pick: () => words[table[next() >>> 16]] }
}

const nouns = sampler(NOUNS, 0.9)
const nounsPlural = { table: nouns.table, words: NOUNS.map(plural) }
const verbs = sampler(VERBS, 0.9)
const verbsThird = { table: verbs.table, words: VERBS.map(thirdPerson) }
const adjectives = sampler(ADJECTIVES, 0.9)
const adverbs = sampler(ADVERBS, 0.8)
const tech = sampler(TECH, 0.8)
const names = sampler(NAMES, 0.7)
const places = sampler(PLACES, 0.7)
const foreign = sampler(FOREIGN, 0.5)
const domains = sampler(DOMAINS, 0.8)
const pickFrom = (s) => s.words[s.table[next() >>> 16]]

const SLOTS = {
  N: () => pickFrom(nouns),
  Ns: () => pickFrom(nounsPlural),
  V: () => pickFrom(verbs),
  Vs: () => pickFrom(verbsThird),
  A: () => pickFrom(adjectives),
  R: () => pickFrom(adverbs),
  T: () => pickFrom(tech),
  P: () => pickFrom(names),
  L: () => pickFrom(places),
  F: () => pickFrom(foreign),
  D: () => pickFrom(domains),
  NUM: () => String(below(10) < 7 ? below(100) : below(100000)),
  Y: () => String(1950 + below(76)),
  PCT: () => `${1 + below(99)}%`,
  W: () => `${pickFrom(nouns)}-${pickFrom(nouns)}`.replace(/[^a-z-]/g, '')
}

/** "The {A} {N} {Vs}." → parts (literal strings and slot functions), compiled once. */
function compile(templates) {
  return templates.map((template) => {
    const parts = []
    const pieces = template.split(/\{(\w+)\}/)
    for (let i = 0; i < pieces.length; i++) {
      if (i % 2 === 0) {
        if (pieces[i]) parts.push(pieces[i])
      } else {
        const slot = SLOTS[pieces[i]]
        if (!slot) throw new Error(`unknown slot {${pieces[i]}} in template: ${template}`)
        parts.push(slot)
      }
    }
    return { parts, capitalize: typeof parts[0] === 'function' }
  })
}

function render(compiled) {
  const template = compiled[below(compiled.length)]
  let out = ''
  for (const part of template.parts) out += typeof part === 'string' ? part : part()
  return template.capitalize ? out[0].toUpperCase() + out.slice(1) : out
}

// ---------------------------------------------------------------------------------------------
// Templates.

const PROSE = compile([
  'The {A} {N} {Vs} the {N} when the {Ns} are {A}.',
  '{Ns} often {V} {A} {Ns} in {L}.',
  'Most {Ns} {V} their {N} {R}, but some prefer to {V} it {R}.',
  'If you {V} the {N} before the {N}, the {N} will {V} {R}.',
  'In {Y}, {P} decided to {V} a {A} {N} near {L}.',
  'A {A} {N} can {V} about {PCT} of the {Ns}.',
  'This is why the {N} {Vs} so {R} in {A} {Ns}.',
  'There are {NUM} {Ns} that {V} the same {N}.',
  'You should {V} the {N} and then {V} the {Ns}.',
  'It is {A} to {V} a {N} without a {A} {N}.',
  '{P} and {P} {V} the {N} every {N}.',
  'The {N} of the {N} {Vs} on how {A} the {Ns} are.',
  'When a {N} {Vs}, it is {R} because of the {N}.',
  'Many {A} {Ns} {V} {Ns} to {V} their {Ns}.',
  'Some {Ns} in {L} still {V} {A} {Ns}.',
  'The {N} was {R} {A}, so we had to {V} it.',
  'According to {P}, the {N} {Vs} {PCT} faster with a {A} {N}.',
  'Another {A} option is to {V} the {N} with {T}.',
  'The main {N} is that {Ns} {V} {A} {Ns}.',
  'Remember that a {N} is not the same as a {N}.',
  'Use {T} to {V} the {N}, then {V} the {N} {R}.',
  'In {T}, a {N} {Vs} a {N} and {Vs} the {N}.',
  'The {T} {N} {Vs} {NUM} {Ns} per {N}.',
  'Without the {N}, the {A} {Ns} would {V} {R}.',
  'It took {NUM} {Ns} to {V} the {A} {N}.',
  'Nobody knows why the {N} {Vs} the {N}.',
  'A good {N} {Vs} the {N} and {Vs} {R}.',
  'People in {L} {R} {V} {Ns} during the {N}.',
  'The {A} {N} in {L} is {R} {A}.',
  'Try to {V} {R}, and do not {V} the {N}.',
  'Each {N} has a {A} {N} and a {A} {N}.',
  'The best way to {V} a {N} is to {V} it {R}.',
  '{P} thinks that the {N} should {V} more {Ns}.',
  'Between {Y} and {Y}, the number of {Ns} grew by {PCT}.',
  'This {N} {Vs} {Ns}, {Ns} and {Ns}.',
  'For example, a {A} {N} might {V} the {N} instead.',
  'However, {Ns} that {V} {R} tend to {V} more {Ns}.',
  'As a result, the {N} {Vs} {A} and {A}.',
  'In short, {V} the {N}, {V} the {N}, and {V} the {Ns}.',
  'The {W} {N} is {A} for {Ns} who {V} {R}.',
  'Keep the {N} {A} and the {Ns} {A}.',
  'After the {N}, {P} {R} {Vs} to {L}.',
  'The {N} from {L} {Vs} a {A} {N} of {Ns}.',
  'Both the {N} and the {N} {V} {A} {Ns}.',
  'Unlike the {N}, a {N} does not {V} {Ns}.',
  'The {T} {N} returns a {A} {N} when the {N} is empty.',
  'Set the {N} to {NUM} and {V} the {T} {N}.',
  'It is {R} {A} that the {N} {Vs} at all.',
  'What matters most is how the {Ns} {V} the {N}.',
  'The {Ns} were {A}, {A} and {R} {A}.'
])

const QUESTIONS = compile([
  'How do I {V} a {N} in {T}?',
  'What is the best way to {V} {A} {Ns}?',
  'Can you explain why the {N} {Vs} the {N}?',
  'Why does my {T} {N} {V} when I {V} the {N}?',
  'Write a short story about a {A} {N} who wants to {V} a {N}.',
  'What is the difference between a {N} and a {N}?',
  'Could you help me {V} my {N} for the {N}?',
  'Is it {A} to {V} {Ns} in {L}?',
  'Give me {NUM} ideas to {V} a {A} {N}.',
  'Summarize the following text about {Ns}.',
  'Translate this sentence about the {N} into plain English.',
  'How many {Ns} does a {A} {N} need?',
  'What should I do if the {N} {Vs} {R}?',
  'Explain {T} {Ns} to a {A} {N}.',
  'Which {N} is better for {Ns}: {T} or {T}?',
  'Please {V} the {N} below and {V} the {Ns}.',
  'I need to {V} a {N} by {Y}. Where should I start?',
  'My {N} keeps {R} failing to {V}. Any advice?',
  'What are the pros and cons of {Ns} that {V} {Ns}?',
  'Write a poem about the {N} in {L}.',
  'Can a {N} {V} without a {N}?',
  'Is there a {A} way to {V} {Ns} with {T}?',
  'Tell me about the history of {Ns} in {L}.',
  'How would {P} {V} this {N}?',
  'Draft an email to {P} about the {A} {N}.',
  'Fix the {N} in my {T} {N}.',
  'List the {A} {Ns} I should {V} before the {N}.',
  'Why is my {N} so {A} after I {V} it?',
  'What does "{A} {N}" mean in {T}?',
  'Plan a {NUM}-day trip to {L} for someone who likes {Ns}.'
])

const FOLLOW_UPS = compile([
  'Thanks! And what about {Ns}?',
  'Can you make it more {A}?',
  'That did not work, the {N} still {Vs}.',
  'Could you give an example with {T}?',
  'Shorter, please.',
  'What if the {N} is {A}?',
  'Great. How do I {V} the {N} now?',
  'Can you explain the second step again?',
  'Is that also true in {L}?',
  'Please rewrite it for a {A} {N}.',
  'Why {V} the {N} first?',
  'And how long does it take to {V} {NUM} {Ns}?'
])

const OPENERS = compile([
  'Sure!',
  'Great question.',
  'Here is a {A} overview.',
  'Of course. Here is how to {V} it.',
  'Certainly.',
  'Good point, let me explain.',
  'Happy to help with the {N}.',
  'Short answer: it depends on the {N}.',
  'Yes, you can {V} it {R}.',
  'Let us go through it step by step.',
  'There are a few {A} ways to do this.',
  'I understand the {N} is {A}.'
])

const LIST_ITEMS = compile([
  '**{A} {N}**: {V} the {N} {R}.',
  '{V} the {Ns} with {T}.',
  'Check that the {N} is {A}.',
  'Avoid {A} {Ns} when you {V}.',
  'Use a {A} {N} for the {N}.',
  '{V} {NUM} {Ns} per {N}.',
  'Ask {P} to {V} the {N}.',
  'Keep the {N} away from the {N}.'
])

const EXTRAS = {
  url: compile([
    'See https://{D}/{W} for details.',
    'The documentation at https://{D}/docs/{W} explains the {N}.',
    'More examples: https://www.{D}/{N}/{NUM}.'
  ]),
  foreign: compile([
    'In {L} this is called {F}.',
    'Some {Ns} write it as {F} instead.',
    'The {N} label reads {F} {F}.',
    'Tip {F} {V} the {N} first.'
  ])
}

const SYSTEM = compile([
  'You are a helpful assistant.',
  'You are a helpful, honest and harmless assistant.',
  'You are a {A} assistant who answers questions about {Ns}.',
  'You are an expert in {T}. Answer {R} and {R}.',
  'You are a customer support agent for a company that sells {Ns}. Be {A} and {A}.',
  'You are a tutor. Explain {Ns} to students step by step, and check their understanding.',
  'You are {P}, a {A} {N} from {L}. Stay in character.',
  'Answer in a {A} tone. Keep answers under {NUM} words.',
  'You are a coding assistant. Prefer {T} and explain every {N}.',
  'You are a travel guide for {L}. Recommend {A} {Ns}.',
  'Always {V} the {N} before you answer. Never {V} {Ns}.',
  'You help users {V} their {Ns}. Be {A}, {A} and {R} {A}.',
  'You are a writing assistant. Improve the {N} without changing its meaning.',
  'You are a {A} chatbot. If you do not know the answer, say so.',
  'Respond as a {A} {N} would. Use short sentences.'
])

const CODE = compile([
  'def {V}_{N}({N}):\n    return [x for x in {N} if x.{V}()]',
  'for {N} in {Ns}:\n    if {N}.{V}():\n        print({N})',
  'const {N} = await {V}({N}, {NUM})\nconsole.log({N})',
  'SELECT {N}, COUNT(*) FROM {Ns} WHERE {N} > {NUM} GROUP BY {N};',
  'fn {V}_{N}({N}: &str) -> usize {\n    {N}.len() * {NUM}\n}',
  'git {V} {N} && npm run {V}'
])

const LANGUAGES = ['python', 'javascript', 'sql', 'rust', 'bash', '']

// ---------------------------------------------------------------------------------------------
// Turns and rows.

/** Target length in [min, max], skewed toward the short end (as real turns are). */
const targetLength = (min, max) => min + Math.floor(Math.pow(random(), 1.7) * (max - min))

function fill(text, target, max) {
  let out = text
  while (out.length < target) out += (out ? ' ' : '') + render(PROSE)
  if (out.length > max) {
    const cut = out.lastIndexOf(' ', max - 1)
    out = out.slice(0, cut > 0 ? cut : max).replace(/[,;:]$/, '') + '.'
  }
  return out
}

function codeBlock() {
  const lang = LANGUAGES[below(LANGUAGES.length)]
  return '```' + lang + '\n' + render(CODE) + '\n```'
}

function userTurn(followUp) {
  if (followUp) return fill(render(FOLLOW_UPS), targetLength(20, 220), 300)
  const question = render(QUESTIONS)
  const max = 400
  let text = chance(0.5) ? question : ''
  text = fill(text, targetLength(50, max) - (text ? 0 : question.length), max)
  if (!text.endsWith('?') && !text.startsWith(question)) text += ' ' + question
  if (chance(0.04)) text += '\n\nHere is my code:\n' + codeBlock()
  if (chance(0.02)) text += ' ' + render(EXTRAS.foreign)
  return text
}

function assistantTurn(max) {
  let text = chance(0.3) ? render(OPENERS) : ''
  text = fill(text, targetLength(80, max), max)
  if (chance(0.15)) {
    const items = 3 + below(3)
    text += '\n'
    for (let i = 1; i <= items; i++) text += `\n${i}. ${render(LIST_ITEMS)}`
  }
  if (chance(0.06)) text += '\n\n' + codeBlock()
  if (chance(0.04)) text += ' ' + render(EXTRAS.url)
  if (chance(0.02)) text += ' ' + render(EXTRAS.foreign)
  return text
}

let systemPool = null
let systemPoolSeed = null
let systemPoolTable = null

function systemPrompt(seed) {
  if (systemPoolSeed !== seed) {
    const saved = state
    systemPool = []
    for (let i = 0; i < 300; i++) {
      reseed(seed, 3, i)
      systemPool.push(fill(render(SYSTEM), targetLength(50, 200), 250))
    }
    systemPoolTable = zipfTable(systemPool.length, 1.1)
    systemPoolSeed = seed
    state = saved
  }
  if (chance(0.85)) return systemPool[systemPoolTable[next() >>> 16]]
  return fill(render(SYSTEM), targetLength(50, 200), 250)
}

/** One JSONL line (with its newline) for row `index` of `stream` (1 base, 2 added). */
export function chatRow(seed, stream, index) {
  const system = systemPrompt(seed)
  reseed(seed, stream, index)
  const messages = [{ role: 'system', content: system }]
  messages.push({ role: 'user', content: userTurn(false) })
  messages.push({ role: 'assistant', content: assistantTurn(600) })
  if (chance(0.2)) {
    const extra = chance(0.7) ? 1 : chance(0.8) ? 2 : 3
    for (let t = 0; t < extra; t++) {
      messages.push({ role: 'user', content: userTurn(true) })
      messages.push({ role: 'assistant', content: assistantTurn(450) })
    }
  }
  return JSON.stringify({ messages }) + '\n'
}

// ---------------------------------------------------------------------------------------------
// The two versions of the file, written in one pass.

/** Which base rows the PR removes and where it inserts new ones; deterministic for (seed, rows). */
export function editPlan(seed, rows) {
  reseed(seed, 4, rows)
  const removedCount = Math.round(rows * REMOVED_FRACTION)
  const addedCount = Math.round(rows * ADDED_FRACTION)
  const removed = new Uint8Array(rows)
  for (let n = 0; n < removedCount;) {
    const i = below(rows)
    if (!removed[i]) {
      removed[i] = 1
      n++
    }
  }
  // inserts[i] rows go before base row i; inserts[rows] are appended at the end.
  const inserts = new Uint16Array(rows + 1)
  const inside = Math.floor(addedCount / 2)
  for (let n = 0; n < inside; n++) inserts[below(rows)]++
  inserts[rows] += addedCount - inside
  return { removed, inserts, removedCount, addedCount, inside, appended: addedCount - inside }
}

function writeVersions(seed, rows, basePath, prPath) {
  const plan = editPlan(seed, rows)
  const baseFd = openSync(basePath, 'w')
  const prFd = openSync(prPath, 'w')
  const FLUSH = 1 << 20
  let base = ''
  let pr = ''
  let added = 0
  let prRows = 0
  try {
    for (let i = 0; i <= rows; i++) {
      for (let k = plan.inserts[i]; k > 0; k--) {
        pr += chatRow(seed, 2, added++)
        prRows++
      }
      if (i === rows) break
      const line = chatRow(seed, 1, i)
      base += line
      if (!plan.removed[i]) {
        pr += line
        prRows++
      }
      if (base.length > FLUSH) {
        writeSync(baseFd, base)
        base = ''
      }
      if (pr.length > FLUSH) {
        writeSync(prFd, pr)
        pr = ''
      }
    }
    writeSync(baseFd, base)
    writeSync(prFd, pr)
  } finally {
    closeSync(baseFd)
    closeSync(prFd)
  }
  return { plan, prRows }
}

// ---------------------------------------------------------------------------------------------
// Git.

/** How the blobs are stored (recorded in the manifest). */
export const GIT_STORAGE = ['-c', 'core.bigFileThreshold=1', '-c', 'core.compression=1']

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Dataset Gate Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.invalid',
  GIT_COMMITTER_NAME: 'Dataset Gate Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.invalid',
  GIT_TERMINAL_PROMPT: '0'
}
delete GIT_ENV.GIT_DIR
delete GIT_ENV.GIT_WORK_TREE
delete GIT_ENV.GIT_INDEX_FILE

function gitSync(repo, args, { input, env } = {}) {
  return execFileSync('git', ['-C', repo, ...args], {
    env: { ...GIT_ENV, ...env },
    input,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 16 * 1024 * 1024
  }).trim()
}

function gitAsync(repo, args) {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', repo, ...args], {
      env: GIT_ENV,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0
        ? resolve(out.trim())
        : reject(new Error(`git ${args.join(' ')} failed (${code}): ${err.trim()}`))
    )
  })
}

function commitFile(repo, blob, message, date, parent) {
  const dataTree = gitSync(repo, ['mktree'], { input: `100644 blob ${blob}\ttrain.jsonl\n` })
  const root = gitSync(repo, ['mktree'], { input: `040000 tree ${dataTree}\tdata\n` })
  const args = ['-c', 'commit.gpgsign=false', 'commit-tree', root, '-m', message]
  if (parent) args.push('-p', parent)
  return gitSync(repo, args, { env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } })
}

// ---------------------------------------------------------------------------------------------
// Cache.

export function datasetDir(rows) {
  return join(CACHE_DIR, `chat-${rows}`)
}

function readManifest(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
  } catch {
    return null
  }
}

function cachedIsValid(manifest, repo, rows, seed) {
  if (!manifest || manifest.generatorVersion !== GENERATOR_VERSION) return false
  if (manifest.rows !== rows || manifest.seed !== seed) return false
  try {
    const [main, pr] = gitSync(repo, ['rev-parse', 'refs/heads/main', 'refs/heads/pr']).split('\n')
    return main === manifest.commits.main && pr === manifest.commits.pr
  } catch {
    return false
  }
}

/** The benchmark repository for `rows`, generated unless a valid one is cached. */
export async function ensureDataset(
  rows,
  { seed = DEFAULT_SEED, force = false, log = () => {} } = {}
) {
  const dir = datasetDir(rows)
  const repo = join(dir, 'repo')
  const cached = readManifest(dir)
  if (!force && cachedIsValid(cached, repo, rows, seed))
    return { repo, manifest: cached, generated: false }

  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const started = performance.now()
  log(`generating ${rows.toLocaleString('en-US')} rows (seed ${seed}) in ${dir}`)
  const basePath = join(dir, 'base.jsonl.tmp')
  const prPath = join(dir, 'pr.jsonl.tmp')
  const { plan, prRows } = writeVersions(seed, rows, basePath, prPath)
  const written = performance.now()
  const baseBytes = statSync(basePath).size
  const prBytes = statSync(prPath).size
  log(
    `  wrote ${(baseBytes / 1e6).toFixed(0)} MB + ${(prBytes / 1e6).toFixed(0)} MB in ${((written - started) / 1000).toFixed(1)} s; storing in git`
  )

  gitSync(dir, ['init', '-q', '-b', 'main', 'repo'])
  gitSync(repo, ['config', 'gc.auto', '0'])
  // Both blobs at once (2 cores), each streamed into its own pack (as a clone would hold them) at
  // zlib level 1: level 1 stores ~3.5x faster than git's default level 6 and reads back as fast.
  // Same storage at every size, so the sizes compare.
  const store = (path) =>
    gitAsync(repo, [...GIT_STORAGE, 'hash-object', '-w', '--no-filters', '--', path])
  const [baseBlob, prBlob] = await Promise.all([store(basePath), store(prPath)])
  const hashed = performance.now()
  const main = commitFile(repo, baseBlob, 'Training data', '2024-01-01T00:00:00Z')
  gitSync(repo, ['update-ref', 'refs/heads/main', main])
  const pr = commitFile(repo, prBlob, 'Add and remove training rows', '2024-01-02T00:00:00Z', main)
  gitSync(repo, ['update-ref', 'refs/heads/pr', pr])
  rmSync(basePath)
  rmSync(prPath)
  const finished = performance.now()

  const manifest = {
    generatorVersion: GENERATOR_VERSION,
    seed,
    rows,
    path: DATA_PATH,
    base: { rows, bytes: baseBytes, blob: baseBlob },
    pr: {
      rows: prRows,
      bytes: prBytes,
      blob: prBlob,
      added: plan.addedCount,
      addedInside: plan.inside,
      addedAppended: plan.appended,
      removed: plan.removedCount
    },
    averageRowBytes: Math.round(baseBytes / rows),
    storage: `git ${GIT_STORAGE.join(' ')} hash-object -w (one pack per blob, zlib level 1)`,
    commits: { main, pr },
    repoBytes: directoryBytes(join(repo, '.git')),
    timings: {
      writeSeconds: round((written - started) / 1000),
      gitSeconds: round((finished - written) / 1000),
      hashObjectSeconds: round((hashed - written) / 1000),
      totalSeconds: round((finished - started) / 1000)
    },
    createdAt: new Date().toISOString()
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n')
  log(
    `  stored in ${manifest.timings.gitSeconds} s (repository ${(manifest.repoBytes / 1e6).toFixed(0)} MB); total ${manifest.timings.totalSeconds} s`
  )
  return { repo, manifest, generated: true }
}

function directoryBytes(path) {
  try {
    return Number(execFileSync('du', ['-sb', path], { encoding: 'utf8' }).split('\t')[0])
  } catch {
    return null
  }
}

const round = (x) => Math.round(x * 100) / 100

// ---------------------------------------------------------------------------------------------
// CLI.

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '200000' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      force: { type: 'boolean', default: false },
      sample: { type: 'string' }
    }
  })
  if (values.sample) {
    // Print a few rows without building anything: node bench/generate.mjs --sample 3
    for (let i = 0; i < Number(values.sample); i++)
      process.stdout.write(chatRow(Number(values.seed), 1, i))
  } else {
    const rows = Number(values.rows.replace(/_/g, ''))
    if (!Number.isInteger(rows) || rows < 1000) {
      console.error('--rows must be an integer ≥ 1000')
      process.exit(2)
    }
    const { repo, manifest, generated } = await ensureDataset(rows, {
      seed: Number(values.seed),
      force: values.force,
      log: (m) => console.error(m)
    })
    if (!generated) console.error(`cached: ${repo}`)
    console.log(JSON.stringify(manifest, null, 2))
  }
}
