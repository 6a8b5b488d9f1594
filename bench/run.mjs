#!/usr/bin/env node
/**
 * `npm run bench`: times `dataset-gate check` against the floor (streaming both versions out of git
 * and JSON.parsing every line) on generated chat datasets, and reports against the targets.
 *
 *   node bench/run.mjs [--sizes 200000,2000000] [--runs N] [--profile] [--seed N] [--out FILE]
 *
 * See bench/README.md for what is measured and how to read the output.
 */
import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync
} from 'node:fs'
import { writeFileSync } from 'node:fs'
import { SourceMap } from 'node:module'
import os from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { CACHE_DIR, DATA_PATH, DEFAULT_SEED, ensureDataset } from './generate.mjs'

const BENCH_DIR = dirname(fileURLToPath(import.meta.url))
const ROOT = resolve(BENCH_DIR, '..')
const CLI = join(ROOT, 'dist', 'cli.js')
/**
 * The build under test: a byte-for-byte copy of dist/ (cli.js, the worker bundles, source maps)
 * taken at the start, so that a rebuild of dist/ during a long run cannot mix builds.
 * Stored under its hash (bench/.cache/dist/<sha256>/cli.js), so concurrent runs never clash.
 */
let CLI_SNAPSHOT = CLI
const FLOOR = join(BENCH_DIR, 'floor.mjs')
const HOOK = pathToFileURL(join(BENCH_DIR, 'rusage-hook.mjs')).href
const DEFAULT_SIZES = [200_000, 2_000_000]

const TARGETS = {
  ratioRows: 200_000,
  ratioMax: 3,
  ratioAim: 1.5,
  rssRows: 2_000_000,
  rssMaxMiB: 512,
  /** "Linear": µs per row at the largest size at most this many times that at the smallest. */
  linearMaxGrowth: 1.3,
  /** Judged on CPU µs/row: on a shared machine wall time swings with other load. */
  linearBasis: 'cpu'
}

// ---------------------------------------------------------------------------------------------
// Arguments.

function parseSize(text) {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim().replace(/_/g, ''))
  if (!m) throw new Error(`bad size "${text}" (use e.g. 200000, 200k, 2M)`)
  const scale = { '': 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[m[2]]
  return Math.round(Number(m[1]) * scale)
}

let options
try {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', multiple: true },
      runs: { type: 'string' },
      profile: { type: 'boolean', default: false },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      out: { type: 'string', default: join(BENCH_DIR, 'results.json') },
      help: { type: 'boolean', short: 'h', default: false }
    },
    strict: true
  })
  if (values.help) {
    console.log(
      'usage: npm run bench -- [--sizes 200000,2000000] [--runs N] [--profile] [--seed N] [--out FILE]'
    )
    process.exit(0)
  }
  const sizes = values.sizes
    ? values.sizes
        .flatMap((s) => s.split(','))
        .filter(Boolean)
        .map(parseSize)
    : DEFAULT_SIZES
  if (sizes.some((n) => !Number.isInteger(n) || n < 1000)) throw new Error('sizes must be ≥ 1000')
  const runs = values.runs === undefined ? null : Number(values.runs)
  if (runs !== null && (!Number.isInteger(runs) || runs < 1)) throw new Error('--runs must be ≥ 1')
  options = {
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    runs,
    profile: values.profile,
    seed: Number(values.seed),
    out: resolve(values.out)
  }
} catch (error) {
  console.error(`bench: ${error.message}`)
  process.exit(2)
}

if (!existsSync(CLI)) {
  console.error(
    `bench: ${relative(process.cwd(), CLI) || CLI} is missing — build it first with \`npm run build\`.`
  )
  process.exit(2)
}

const runsFor = (rows) => options.runs ?? (rows <= 500_000 ? 3 : 1)
const log = (message) => process.stderr.write(`${message}\n`)

// ---------------------------------------------------------------------------------------------
// Measuring a child process: wall time here, peak RSS and CPU from GNU time (or the exit hook).

function detectGnuTime() {
  if (!existsSync('/usr/bin/time')) return false
  const probe = spawnSync('/usr/bin/time', ['-v', 'true'], { encoding: 'utf8' })
  return probe.status === 0 && /Maximum resident set size/.test(probe.stderr)
}

const GNU_TIME = detectGnuTime()
const RSS_METHOD = GNU_TIME ? '/usr/bin/time -v' : 'process.resourceUsage() exit hook'

function parseGnuTime(text) {
  const number = (label) => {
    const m = new RegExp(`${label}[^:]*:\\s*([\\d.]+)`).exec(text)
    return m ? Number(m[1]) : NaN
  }
  return {
    maxRssKiB: number('Maximum resident set size'),
    userSeconds: number('User time'),
    systemSeconds: number('System time')
  }
}

/** Runs `node ...nodeArgs`; resolves with wall seconds, CPU seconds, peak RSS (MiB), output. */
async function measure(nodeArgs, { env = {} } = {}) {
  mkdirSync(CACHE_DIR, { recursive: true })
  const usageFile = join(CACHE_DIR, `usage-${process.pid}.txt`)
  rmSync(usageFile, { force: true })
  const [command, args] = GNU_TIME
    ? ['/usr/bin/time', ['-v', '-o', usageFile, process.execPath, ...nodeArgs]]
    : [process.execPath, ['--import', HOOK, ...nodeArgs]]
  const started = performance.now()
  const child = spawn(command, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, BENCH_RUSAGE_OUT: usageFile, NO_COLOR: '1' }
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => {
    if (stderr.length < 64 * 1024) stderr += d
  })
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', resolve)
  })
  const wallSeconds = (performance.now() - started) / 1000
  let usage = { maxRssKiB: NaN, userSeconds: NaN, systemSeconds: NaN }
  try {
    const text = readFileSync(usageFile, 'utf8')
    usage = GNU_TIME ? parseGnuTime(text) : JSON.parse(text)
  } catch {
    // reported as missing below
  }
  rmSync(usageFile, { force: true })
  return {
    code,
    wallSeconds: round(wallSeconds, 3),
    cpuSeconds: round(usage.userSeconds + usage.systemSeconds, 2),
    rssMiB: round(usage.maxRssKiB / 1024, 1),
    stdout,
    stderr
  }
}

// ---------------------------------------------------------------------------------------------
// One size: the floor and the check, alternately.

function checkArgs(repo, jsonPath, extra = []) {
  return [
    ...extra,
    CLI_SNAPSHOT,
    'check',
    '--repo',
    repo,
    '--base',
    'main',
    '--head',
    'pr',
    '--json',
    jsonPath,
    '--quiet'
  ]
}

function floorArgs(repo) {
  return [FLOOR, repo, `main:${DATA_PATH}`, `pr:${DATA_PATH}`]
}

function validateFloor(result, manifest) {
  if (result.code !== 0) return `floor exited with ${result.code}: ${result.stderr.trim()}`
  const { versions } = JSON.parse(result.stdout)
  const [base, head] = versions.map((v) => v.rows)
  if (base !== manifest.base.rows || head !== manifest.pr.rows)
    return `floor read ${base}/${head} rows, expected ${manifest.base.rows}/${manifest.pr.rows}`
  return null
}

function validateCheck(result, manifest, jsonPath) {
  if (result.code !== 0 && result.code !== 1)
    return `check exited with ${result.code}: ${result.stderr.trim().split('\n').slice(0, 5).join(' / ')}`
  let report
  try {
    report = JSON.parse(readFileSync(jsonPath, 'utf8'))
  } catch (error) {
    return `no readable JSON report: ${error.message}`
  }
  const file = report.files?.find((f) => f.path === DATA_PATH)
  if (!file) return `the report does not cover ${DATA_PATH}`
  const expected = {
    base: manifest.base.rows,
    head: manifest.pr.rows,
    added: manifest.pr.added,
    removed: manifest.pr.removed
  }
  for (const [key, value] of Object.entries(expected)) {
    if (file.rows?.[key] !== value)
      return `the check did not analyse the whole file: rows.${key} = ${file.rows?.[key]}, expected ${value} (findings: ${file.findings.map((f) => f.check).join(', ') || 'none'})`
  }
  return null
}

function summarizeReport(jsonPath) {
  const report = JSON.parse(readFileSync(jsonPath, 'utf8'))
  const file = report.files.find((f) => f.path === DATA_PATH)
  return {
    verdict: report.verdict,
    rows: file.rows,
    findings: file.findings.map((f) => `${f.check} (${f.severity})`)
  }
}

async function benchSize(rows) {
  const { repo, manifest, generated } = await ensureDataset(rows, { seed: options.seed, log })
  if (!generated)
    log(`dataset ${rows.toLocaleString('en-US')} rows: cached (${relative(ROOT, repo)})`)
  const limit = 2 * 1024 ** 3
  if (manifest.pr.bytes > limit || manifest.base.bytes > limit)
    log(
      `warning: the file is over the default limits.max-file-bytes (2 GiB); the check will refuse it`
    )

  // Per-process name while running (another benchmark may run at the same time), kept at the end.
  const jsonPath = join(CACHE_DIR, `report-${rows}-${process.pid}.json`)
  const runs = runsFor(rows)
  const floor = []
  const check = []
  const problems = []

  // Unmeasured warm-up: brings the git objects into the page cache so run 1 is not a disk test.
  log(`[${label(rows)}] warm-up (floor, unmeasured)`)
  const warm = await measure(floorArgs(repo))
  const warmProblem = validateFloor(warm, manifest)
  if (warmProblem) throw new Error(warmProblem)

  for (let run = 1; run <= runs; run++) {
    const f = await measure(floorArgs(repo))
    const fp = validateFloor(f, manifest)
    if (fp) problems.push(`floor run ${run}: ${fp}`)
    floor.push(strip(f))
    log(`[${label(rows)}] run ${run}/${runs} floor  ${fmtRun(f)}`)

    rmSync(jsonPath, { force: true })
    const c = await measure(checkArgs(repo, jsonPath))
    const cp = validateCheck(c, manifest, jsonPath)
    if (cp) problems.push(`check run ${run}: ${cp}`)
    check.push(strip(c))
    log(`[${label(rows)}] run ${run}/${runs} check  ${fmtRun(c)}${cp ? `  INVALID: ${cp}` : ''}`)
  }

  const floorMedian = medians(floor)
  const checkMedian = medians(check)
  return {
    rows,
    dataset: {
      repo: relative(ROOT, repo),
      baseRows: manifest.base.rows,
      headRows: manifest.pr.rows,
      added: manifest.pr.added,
      removed: manifest.pr.removed,
      baseBytes: manifest.base.bytes,
      headBytes: manifest.pr.bytes,
      averageRowBytes: manifest.averageRowBytes,
      commits: manifest.commits,
      generation: manifest.timings
    },
    runs,
    floor: { median: floorMedian, runs: floor },
    check: {
      median: checkMedian,
      runs: check,
      report: existsSync(jsonPath) ? safe(() => summarizeReport(jsonPath)) : null,
      reportFile: keep(jsonPath, join(CACHE_DIR, `report-${rows}.json`))
    },
    ratio: round(checkMedian.wallSeconds / floorMedian.wallSeconds, 2),
    cpuRatio: round(checkMedian.cpuSeconds / floorMedian.cpuSeconds, 2),
    microsecondsPerRow: {
      floor: round((floorMedian.wallSeconds / rows) * 1e6, 2),
      floorCpu: round((floorMedian.cpuSeconds / rows) * 1e6, 2),
      check: round((checkMedian.wallSeconds / rows) * 1e6, 2),
      checkCpu: round((checkMedian.cpuSeconds / rows) * 1e6, 2)
    },
    problems
  }
}

const strip = ({ code, wallSeconds, cpuSeconds, rssMiB }) => ({
  code,
  wallSeconds,
  cpuSeconds,
  rssMiB
})
const fmtRun = (r) =>
  `wall ${r.wallSeconds.toFixed(2)} s  cpu ${r.cpuSeconds.toFixed(2)} s  rss ${r.rssMiB.toFixed(0)} MiB`

function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b)
  if (sorted.length === 0) return NaN
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function medians(runs) {
  return {
    wallSeconds: round(median(runs.map((r) => r.wallSeconds)), 3),
    cpuSeconds: round(median(runs.map((r) => r.cpuSeconds)), 2),
    rssMiB: round(median(runs.map((r) => r.rssMiB)), 1),
    minWallSeconds: round(Math.min(...runs.map((r) => r.wallSeconds)), 3),
    maxRssMiB: round(Math.max(...runs.map((r) => r.rssMiB)), 1)
  }
}

// ---------------------------------------------------------------------------------------------
// CPU profile of one check run: self time per function, mapped back to src/ through the source map.

async function profileCheck(rows) {
  const { repo } = await ensureDataset(rows, { seed: options.seed, log })
  const dir = join(CACHE_DIR, 'profiles')
  mkdirSync(dir, { recursive: true })
  const name = `check-${rows}-${process.pid}.cpuprofile`
  const file = join(dir, name)
  const report = join(CACHE_DIR, `report-${rows}-profile-${process.pid}.json`)
  log(`[${label(rows)}] profiling one check run (node --cpu-prof)`)
  const result = await measure(
    checkArgs(repo, report, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', name])
  )
  if (result.code !== 0 && result.code !== 1)
    throw new Error(`profiled check failed: ${result.stderr}`)
  log(`[${label(rows)}] profiled run ${fmtRun(result)} (profiling overhead included)`)
  rmSync(report, { force: true })
  const analysis = analyzeProfile(file)
  const kept = keep(file, join(dir, `check-${rows}.cpuprofile`))
  return { rows, file: kept, run: strip(result), ...analysis }
}

/** Renames a per-process output to its stable name; returns the path kept (relative to the root). */
function keep(from, to) {
  if (!existsSync(from)) return null
  renameSync(from, to)
  return relative(ROOT, to)
}

function loadSourceMap() {
  try {
    return new SourceMap(JSON.parse(readFileSync(`${CLI_SNAPSHOT}.map`, 'utf8')))
  } catch {
    return null
  }
}

function analyzeProfile(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'))
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
  const selfMicros = new Map()
  // timeDeltas[i] is the gap before sample i; sample i lasts until sample i + 1.
  const { samples, timeDeltas } = profile
  for (let i = 0; i < samples.length; i++) {
    const duration =
      i + 1 < samples.length
        ? timeDeltas[i + 1]
        : profile.endTime - profile.startTime - sum(timeDeltas)
    selfMicros.set(samples[i], (selfMicros.get(samples[i]) ?? 0) + Math.max(0, duration))
  }
  const sourceMap = loadSourceMap()
  const cliUrl = pathToFileURL(CLI_SNAPSHOT).href
  const byFunction = new Map()
  const byFile = new Map()
  let total = 0
  for (const [id, micros] of selfMicros) {
    total += micros
    const { functionName, url, lineNumber, columnNumber } = nodes.get(id).callFrame
    let where = url ? url.replace(pathToFileURL(ROOT).href + '/', '') : ''
    let source = where || '(native)'
    if (url === cliUrl && sourceMap && lineNumber >= 0) {
      const entry = sourceMap.findEntry(lineNumber, columnNumber)
      if (entry?.originalSource) {
        const original = entry.originalSource.replace(/^file:\/\//, '')
        source = relative(ROOT, resolve(dirname(CLI), original))
        where = `${source}:${entry.originalLine + 1}`
      }
    } else if (url && lineNumber >= 0) {
      where = `${where}:${lineNumber + 1}`
    }
    const key = `${functionName || '(anonymous)'}\t${where}`
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros)
    byFile.set(source, (byFile.get(source) ?? 0) + micros)
  }
  const top = (map, n) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, micros]) => ({
        key,
        ms: round(micros / 1000, 1),
        percent: round((100 * micros) / total, 1)
      }))
  return {
    totalMs: round(total / 1000, 1),
    topFunctions: top(byFunction, 25).map(({ key, ms, percent }) => {
      const [fn, where] = key.split('\t')
      return { function: fn, location: where, selfMs: ms, percent }
    }),
    topFiles: top(byFile, 12).map(({ key, ms, percent }) => ({ file: key, selfMs: ms, percent }))
  }
}

const sum = (values) => values.reduce((a, b) => a + b, 0)

// ---------------------------------------------------------------------------------------------
// Report.

function targets(results) {
  const at = (rows) => results.find((r) => r.rows === rows)
  const list = []
  const r200 = at(TARGETS.ratioRows)
  list.push({
    target: `check ≤ ${TARGETS.ratioMax}× floor at ${label(TARGETS.ratioRows)} rows (aim ${TARGETS.ratioAim}×)`,
    value: r200 ? `${r200.ratio}×` : 'not measured',
    status: r200 ? (r200.ratio <= TARGETS.ratioMax ? 'PASS' : 'MISS') : 'n/a',
    note: r200 ? (r200.ratio <= TARGETS.ratioAim ? 'aim met' : 'aim not met') : undefined
  })
  const r2m = at(TARGETS.rssRows)
  list.push({
    target: `check peak RSS ≤ ${TARGETS.rssMaxMiB} MiB at ${label(TARGETS.rssRows)} rows`,
    value: r2m ? `${r2m.check.median.maxRssMiB} MiB` : 'not measured',
    status: r2m ? (r2m.check.median.maxRssMiB <= TARGETS.rssMaxMiB ? 'PASS' : 'MISS') : 'n/a'
  })
  if (results.length >= 2) {
    const small = results[0]
    const large = results[results.length - 1]
    const cpu = [small.microsecondsPerRow.checkCpu, large.microsecondsPerRow.checkCpu]
    const wall = [small.microsecondsPerRow.check, large.microsecondsPerRow.check]
    const growth = cpu[1] / cpu[0]
    list.push({
      target: `linear growth: check CPU µs/row at ${label(large.rows)} ≤ ${TARGETS.linearMaxGrowth}× that at ${label(small.rows)}`,
      value: `${cpu[0]} → ${cpu[1]} CPU µs/row (${round(growth, 2)}×; wall ${wall[0]} → ${wall[1]} µs/row, ${round(wall[1] / wall[0], 2)}×)`,
      status: growth <= TARGETS.linearMaxGrowth ? 'PASS' : 'MISS'
    })
  } else {
    list.push({
      target: `linear growth (µs/row, smallest vs largest size)`,
      value: 'needs two sizes',
      status: 'n/a'
    })
  }
  return list
}

/** Plain-text table; `left` lists the columns aligned left (the first always is). */
function table(headers, rows, left = [0]) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)))
  const line = (cells) =>
    cells
      .map((c, i) =>
        left.includes(i) ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])
      )
      .join('  ')
      .trimEnd()
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

function label(rows) {
  if (rows % 1_000_000 === 0) return `${rows / 1_000_000}M`
  if (rows % 1000 === 0) return `${rows / 1000}k`
  return String(rows)
}

const round = (x, digits) =>
  Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : null
const safe = (f) => {
  try {
    return f()
  } catch {
    return null
  }
}

function machineInfo() {
  const cpus = os.cpus()
  const gitVersion = spawnSync('git', ['--version'], { encoding: 'utf8' }).stdout?.trim()
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    totalMemoryGiB: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    git: gitVersion ?? 'unknown',
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((x) => round(x, 2))
  }
}

// ---------------------------------------------------------------------------------------------
// Main.

/** Which build was measured: the owner rebuilds dist/ often, so results name it. */
function distFingerprint(path = CLI) {
  const bytes = readFileSync(path)
  const { mtime } = statSync(path)
  return {
    sha256: createHash('sha256').update(bytes).digest('hex').slice(0, 16),
    bytes: bytes.length,
    modified: mtime.toISOString()
  }
}

/**
 * Copies dist/ (cli.js and the worker bundles it starts, with their maps) under
 * bench/.cache/dist/<hash>/: every run uses this build. The hash covers every bundle.
 */
function snapshotCli() {
  const distDir = dirname(CLI)
  const names = readdirSync(distDir)
    .filter((name) => name.endsWith('.js') || name.endsWith('.js.map'))
    .sort()
  const hash = createHash('sha256')
  for (const name of names)
    if (name.endsWith('.js')) hash.update(name).update(readFileSync(join(distDir, name)))
  const dir = join(CACHE_DIR, 'dist', hash.digest('hex').slice(0, 16))
  const target = join(dir, 'cli.js')
  if (!existsSync(target)) {
    mkdirSync(dir, { recursive: true })
    // Written under temporary names, then renamed: another run may be reading the same build.
    // cli.js last, since its presence says the snapshot is complete.
    for (const name of [...names.filter((n) => n !== 'cli.js'), 'cli.js']) {
      const to = join(dir, name)
      writeFileSync(`${to}.${process.pid}`, readFileSync(join(distDir, name)))
      renameSync(`${to}.${process.pid}`, to)
    }
  }
  return target
}

const machine = machineInfo()
CLI_SNAPSHOT = snapshotCli()
const distAtStart = distFingerprint(CLI_SNAPSHOT)
distAtStart.modified = statSync(CLI).mtime.toISOString()
log(
  `bench: ${machine.cpu}, ${machine.cores} cores, ${machine.totalMemoryGiB} GiB, node ${machine.node}; load ${machine.loadAverageAtStart.join(' ')}`
)
log(`bench: sizes ${options.sizes.map(label).join(', ')}; peak RSS via ${RSS_METHOD}`)
if (machine.loadAverageAtStart[0] > machine.cores)
  log(
    `bench: note: load average ${machine.loadAverageAtStart[0]} > ${machine.cores} cores — wall times will be noisy; compare CPU times too`
  )

const startedAt = new Date()
const results = []
let failed = false
for (const rows of options.sizes) {
  try {
    const result = await benchSize(rows)
    results.push(result)
    if (result.problems.length) {
      failed = true
      for (const p of result.problems) log(`bench: ${label(rows)}: ${p}`)
    }
  } catch (error) {
    failed = true
    log(`bench: ${label(rows)} failed: ${error.stack ?? error.message}`)
  }
}

let profile = null
if (options.profile) {
  try {
    profile = await profileCheck(options.sizes[0])
  } catch (error) {
    failed = true
    log(`bench: profile failed: ${error.message}`)
  }
}

const distAtEnd = distFingerprint()
if (distAtEnd.sha256 !== distAtStart.sha256) {
  log(
    `bench: note: dist/cli.js was rebuilt during the run; every run used the snapshot taken at the start (${distAtStart.sha256})`
  )
}

const targetList = targets(results)
const output = []
output.push('')
output.push(
  table(
    [
      'rows',
      'file MB',
      'runs',
      'floor s',
      'check s',
      'ratio',
      'check CPU s',
      'CPU ratio',
      'floor RSS MiB',
      'check RSS MiB',
      'floor µs/row',
      'check µs/row',
      'check CPU µs/row'
    ],
    results.map((r) => [
      label(r.rows),
      (r.dataset.baseBytes / 1e6).toFixed(0),
      r.runs,
      r.floor.median.wallSeconds.toFixed(2),
      r.check.median.wallSeconds.toFixed(2),
      `${r.ratio.toFixed(2)}×`,
      r.check.median.cpuSeconds.toFixed(1),
      `${r.cpuRatio.toFixed(2)}×`,
      r.floor.median.maxRssMiB.toFixed(0),
      r.check.median.maxRssMiB.toFixed(0),
      r.microsecondsPerRow.floor.toFixed(2),
      r.microsecondsPerRow.check.toFixed(2),
      r.microsecondsPerRow.checkCpu.toFixed(2)
    ])
  )
)
output.push(
  `(medians of the runs; ratio = check wall / floor wall; RSS = the highest of the runs; build ${distAtStart.sha256})`
)
output.push('')
output.push('Targets')
for (const t of targetList)
  output.push(`  ${t.status.padEnd(4)}  ${t.target}: ${t.value}${t.note ? ` (${t.note})` : ''}`)
if (profile) {
  output.push('')
  output.push(
    `Profile of one check at ${label(profile.rows)} rows (${profile.file}; ${profile.totalMs.toFixed(0)} ms sampled): top ${profile.topFunctions.length} functions by self time`
  )
  output.push(
    table(
      ['#', 'self ms', '%', 'function', 'location'],
      profile.topFunctions.map((f, i) => [
        i + 1,
        f.selfMs.toFixed(0),
        f.percent.toFixed(1),
        f.function.length > 60 ? `${f.function.slice(0, 57)}...` : f.function,
        f.location
      ]),
      [3, 4]
    )
  )
  output.push('')
  output.push('Self time by source file')
  output.push(
    table(
      ['file', 'self ms', '%'],
      profile.topFiles.map((f) => [f.file, f.selfMs.toFixed(0), f.percent.toFixed(1)])
    )
  )
}
console.log(output.join('\n'))

machine.loadAverageAtEnd = os.loadavg().map((x) => round(x, 2))
const summary = {
  date: startedAt.toISOString(),
  durationSeconds: round((Date.now() - startedAt.getTime()) / 1000, 1),
  machine,
  dist: {
    measured: { ...distAtStart, path: relative(ROOT, CLI_SNAPSHOT), copiedFrom: 'dist/cli.js' },
    distAtEnd
  },
  method: {
    floor: 'node bench/floor.mjs: git cat-file blob main:… then pr:…, JSON.parse of every line',
    check: 'node dist/cli.js check --repo R --base main --head pr --json FILE --quiet',
    rss: RSS_METHOD,
    order: 'one unmeasured floor warm-up, then floor and check alternately',
    seed: options.seed
  },
  targets: targetList,
  sizes: results,
  profile
}
writeFileSync(`${options.out}.${process.pid}`, JSON.stringify(summary, null, 2) + '\n')
renameSync(`${options.out}.${process.pid}`, options.out)
log(`\nbench: wrote ${relative(process.cwd(), options.out) || options.out}`)
process.exitCode = failed ? 1 : 0
