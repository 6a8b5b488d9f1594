#!/usr/bin/env node
// Scores the bundled CLI on ../shared/scenarios (or DATASET_GATE_SCENARIOS): each scenario becomes
// a git repository (base on main, the PR on pr), `dist/cli.js check` runs on it, and the JSON
// report is compared with the scenario's truth.json. Prints one line per scenario and the totals.
import { execFileSync, execFile } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  copyFileSync,
  rmSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const scenariosDir = resolve(
  process.env.DATASET_GATE_SCENARIOS ?? join(root, '..', 'shared', 'scenarios')
)
const cli = join(root, 'dist', 'cli.js')

if (!existsSync(scenariosDir)) {
  console.error(
    `eval: no scenarios at ${scenariosDir} (it needs ../shared/scenarios beside the project, or DATASET_GATE_SCENARIOS)`
  )
  process.exit(2)
}
if (!existsSync(cli)) {
  console.error('eval: dist/cli.js is missing; run npm run build first')
  process.exit(2)
}

const only = process.argv.slice(2)
const names = readdirSync(scenariosDir)
  .filter((name) => existsSync(join(scenariosDir, name, 'truth.json')))
  .filter((name) => only.length === 0 || only.some((o) => name.includes(o)))
  .sort()
const work = mkdtempSync(join(tmpdir(), 'dataset-gate-eval-'))

function makeRepo(name) {
  const dir = join(scenariosDir, name)
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'))
  const ext =
    truth.ext ??
    readdirSync(dir)
      .find((f) => f.startsWith('base.'))
      ?.slice(5)
  const repo = join(work, name)
  mkdirSync(join(repo, 'data'), { recursive: true })
  const git = (...args) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' })
  git('init', '-q', '-b', 'main')
  git('config', 'user.email', 'eval@dataset-gate.invalid')
  git('config', 'user.name', 'eval')
  git('config', 'commit.gpgsign', 'false')
  copyFileSync(join(dir, `base.${ext}`), join(repo, 'data', `train.${ext}`))
  git('add', '.')
  git('commit', '-q', '-m', 'base')
  git('checkout', '-q', '-b', 'pr')
  copyFileSync(join(dir, `head.${ext}`), join(repo, 'data', `train.${ext}`))
  git('commit', '-q', '--allow-empty', '-am', 'pr')
  return { repo, truth }
}

async function evaluate(name) {
  const { repo, truth } = makeRepo(name)
  const out = join(repo, '..', `${name}.json`)
  const started = Date.now()
  let exitCode = 0
  try {
    await run(process.execPath, [
      cli,
      'check',
      '--repo',
      repo,
      '--base',
      'main',
      '--head',
      'pr',
      '--json',
      out,
      '--quiet'
    ])
  } catch (error) {
    exitCode = error.code ?? 2
  }
  const seconds = (Date.now() - started) / 1000
  if (exitCode === 2 || !existsSync(out)) return { name, truth, error: `exit ${exitCode}`, seconds }
  const report = JSON.parse(readFileSync(out, 'utf8'))
  const listed = new Set()
  for (const file of report.files)
    for (const finding of file.findings)
      if (finding.severity === 'fail' || finding.severity === 'warn')
        for (const row of finding.rows) if (row.line !== undefined) listed.add(row.line)
  const poisoned = new Set(truth.poisoned_lines ?? [])
  const hits = [...poisoned].filter((line) => listed.has(line)).length
  const correct =
    truth.expect === 'fail'
      ? report.verdict === 'fail'
      : truth.expect === 'flag'
        ? report.verdict !== 'pass'
        : report.verdict !== 'fail'
  return {
    name,
    truth,
    verdict: report.verdict,
    correct,
    poisoned: poisoned.size,
    hits,
    listed: listed.size,
    truePositives: [...listed].filter((line) => poisoned.has(line)).length,
    checks: [
      ...new Set(
        report.files.flatMap((f) =>
          f.findings.filter((x) => x.severity !== 'notice').map((x) => x.check)
        )
      )
    ],
    seconds
  }
}

const results = []
const queue = [...names]
await Promise.all(
  [0, 1].map(async () => {
    while (queue.length) results.push(await evaluate(queue.shift()))
  })
)
results.sort((a, b) => a.name.localeCompare(b.name))

const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : 'n/a')
let poisonedPrs = 0,
  caught = 0,
  honestPrs = 0,
  passed = 0,
  poisonedLines = 0,
  hitLines = 0,
  listedPoisonedPrs = 0,
  tpPoisonedPrs = 0,
  honestAdded = 0,
  honestListed = 0
for (const r of results) {
  if (r.error) {
    console.log(`ERROR ${r.name}: ${r.error}`)
    if (r.truth.expect === 'pass') honestPrs++
    else poisonedPrs++
    continue
  }
  const honest = r.truth.expect === 'pass'
  if (honest) {
    honestPrs++
    if (r.correct) passed++
    honestAdded += r.truth.added_rows ?? 0
    honestListed += r.listed
  } else {
    poisonedPrs++
    if (r.correct) caught++
    if (r.truth.row_level) {
      poisonedLines += r.poisoned
      hitLines += r.hits
      listedPoisonedPrs += r.listed
      tpPoisonedPrs += r.truePositives
    }
  }
  const rowInfo = honest
    ? `flagged ${r.listed}/${r.truth.added_rows} added rows`
    : `recall ${r.hits}/${r.poisoned}, precision ${r.truePositives}/${r.listed}`
  console.log(
    `${r.correct ? 'ok  ' : 'MISS'} ${r.name.padEnd(34)} expect ${r.truth.expect.padEnd(4)} got ${r.verdict.padEnd(4)} ${rowInfo}  [${r.checks.join(', ')}] ${r.seconds.toFixed(1)}s`
  )
}
rmSync(work, { recursive: true, force: true })
console.log('')
console.log(
  `poisoned PRs caught ${caught}/${poisonedPrs}, honest PRs passed ${passed}/${honestPrs}`
)
console.log(
  `row recall ${pct(hitLines / poisonedLines)}, row precision ${pct(tpPoisonedPrs / listedPoisonedPrs)}, honest rows flagged ${pct(honestListed / honestAdded)}`
)
