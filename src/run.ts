import { analyzeFile } from './analysis/analyze-file.js'
import type { FileContext, RowSource } from './analysis/types.js'
import { runChecks } from './checks/index.js'
import type { RepositoryContext } from './checks/types.js'
import { UserError } from './errors.js'
import { blobInfo, readBlobText } from './git/blob.js'
import { listChangedFiles, type ChangedFile } from './git/changes.js'
import { GitError } from './git/exec.js'
import { assertGitRepository, defaultBaseRef, resolveCommit } from './git/refs.js'
import { formatFromPath, type PathFormat } from './formats/detect.js'
import { openVersion, type OpenedVersion } from './open-version.js'
import { readRows, recordsOf } from './formats/index.js'
import {
  budgetExceededFinding,
  LimitedVersion,
  limitFindings,
  TimeBudget,
  timeBudgetCutFinding,
  yamlNestingProblem,
  type Limits
} from './limits.js'
import { describePolicyChange } from './policy/diff.js'
import {
  DEFAULT_POLICY_PATH,
  loadPolicyFromFile,
  loadPolicyFromRef,
  parsePolicy
} from './policy/load.js'
import { fileSettingsFor, isDatasetPath } from './policy/match.js'
import type { Policy } from './policy/schema.js'
import type { Progress } from './progress.js'
import { SilentProgress, type FileProgress } from './progress.js'
import { checkProvenance } from './provenance/index.js'
import { normalizePath } from './provenance/manifest.js'
import { escapeTerminal } from './report/escape.js'
import { buildReport } from './report/json.js'
import { buildRepositoryContext } from './analysis/reference-rows.js'
import { assignShards, type ShardSpec } from './shard/assign.js'
import { timeBudgetNote } from './shard/merge.js'
import {
  normalizeFiles,
  normalizeFindings,
  PARTIAL_KIND,
  PARTIAL_VERSION,
  policyFingerprint,
  type PartialState
} from './shard/partial.js'
import { datasetWeights } from './shard/weight.js'
import type { FileReport, Finding, Report } from './types.js'
import { VERSION } from './version.js'

/** A policy file is a page of settings; the proposed one is only read for the note. */
const MAX_PROPOSED_POLICY_BYTES = 1024 * 1024

export interface RunOptions {
  repo: string
  /** Base ref; default: merge base of head with origin/HEAD (else main). */
  base?: string
  head?: string
  /** A local policy file instead of the base ref's `.github/dataset-gate.yml`. */
  config?: string
  policyPath?: string
  warnOnly?: boolean
  failOn?: 'fail' | 'warn'
  /** Progress messages (stderr in the CLI, log lines in Actions); ignored when `progress` is given. */
  log?: (message: string) => void
  /**
   * Where the run's messages and per-file progress go (a redrawn terminal line, or periodic log
   * lines); default: `log` for the messages and no progress display.
   */
  progress?: Progress
  /** Milliseconds since the epoch; the time budget is measured with it (tests pass a fake one). */
  clock?: () => number
}

export interface RunResult {
  report: Report
  policySource: string
}

/** The whole check: refs → policy → changed dataset files → analysis → findings → report. */
export async function run(options: RunOptions): Promise<RunResult> {
  try {
    return await runCheck(options)
  } catch (error) {
    if (error instanceof GitError) throw gitFailure(error)
    throw error
  }
}

/**
 * Git failing on a command that is known to be valid means the repository is incomplete or
 * damaged: something the user fixes (exit 2), not a bug whose stack would help anyone.
 */
function gitFailure(error: GitError): UserError {
  return new UserError(
    `git failed while reading the repository: ${error.message}`,
    'The clone may be incomplete (shallow or partial) or damaged. In GitHub Actions, use actions/checkout with `fetch-depth: 0`.'
  )
}

/** What every run (whole or one shard) resolves before it reads a dataset. */
interface Setup {
  repo: string
  baseSha: string
  headSha: string
  policy: Policy
  source: string
  policyPath: string
  changed: ChangedFile[]
  /** The changed dataset files, in `git diff` order: the order of the report's files. */
  datasets: ChangedFile[]
  started: number
  clock: () => number
  progress: Progress
  log: (message: string) => void
}

async function setUp(options: RunOptions): Promise<Setup> {
  const clock = options.clock ?? Date.now
  const started = clock()
  const progress = options.progress ?? new SilentProgress(options.log)
  const log = (message: string): void => progress.log(message)
  const repo = await assertGitRepository(options.repo)
  const headSha = await resolveCommit(repo, options.head ?? 'HEAD')
  const baseRef = options.base ?? (await defaultBaseRef(repo, headSha))
  const baseSha = await resolveCommit(repo, baseRef)
  const policyPath = options.policyPath ?? DEFAULT_POLICY_PATH
  const { policy, source } = options.config
    ? await loadPolicyFromFile(options.config)
    : await loadPolicyFromRef(repo, baseSha, baseRef, policyPath)
  log(`policy: ${source}`)

  const changed = await listChangedFiles(repo, baseSha, headSha)
  const manifestPath = normalizePath(policy.provenance.manifest)
  const datasets = changed.filter(
    (f) => isDatasetPath(policy, f.path) && f.path !== policyPath && f.path !== manifestPath
  )
  return {
    repo,
    baseSha,
    headSha,
    policy,
    source,
    policyPath,
    changed,
    datasets,
    started,
    clock,
    progress,
    log
  }
}

/** The note on a pull request that changes the policy file, if it does. */
async function policyNotes(setup: Setup): Promise<string[]> {
  const { changed, policyPath } = setup
  if (!changed.some((f) => f.path === policyPath || f.previousPath === policyPath)) return []
  return [await policyChangeNote(setup.repo, setup.headSha, policyPath, setup.policy, setup.source)]
}

function startBudget(setup: Setup): TimeBudget {
  return new TimeBudget(setup.policy.limits['time-budget-seconds'], setup.clock, setup.started)
}

function fileCount(count: number): string {
  return `${count} changed dataset ${count === 1 ? 'file' : 'files'}`
}

/** Analyses `files` in order; once the budget is spent, the rest get a finding saying so. */
async function checkFiles(
  setup: Setup,
  files: ChangedFile[],
  budget: TimeBudget
): Promise<{ reports: FileReport[]; skipped: number }> {
  const { repo, baseSha, headSha, policy, log } = setup
  const repository = files.some((f) => f.status !== 'deleted')
    ? await buildRepositoryContext(repo, headSha, policy)
    : { evalRows: null, unverifiedRows: null }
  const reports: FileReport[] = []
  let skipped = 0
  for (const [index, file] of files.entries()) {
    if (budget.exceeded) {
      skipped++
      reports.push({
        ...emptyFileReport(file, formatFromPath(file.path)?.format ?? null),
        findings: [budgetExceededFinding(budget, policy.limits.severity)]
      })
      continue
    }
    log(`checking ${shown(file.path)} (${file.status})`)
    const progress = setup.progress.startFile({
      path: file.path,
      index: index + 1,
      total: files.length
    })
    try {
      reports.push(
        await checkFile(repo, baseSha, headSha, file, policy, repository, budget, log, progress)
      )
    } finally {
      progress.end()
    }
  }
  return { reports, skipped }
}

async function runCheck(options: RunOptions): Promise<RunResult> {
  const setup = await setUp(options)
  const { repo, baseSha, headSha, policy, datasets, log } = setup
  const notes = await policyNotes(setup)
  const budget = startBudget(setup)
  log(`${fileCount(datasets.length)} of ${setup.changed.length} changed`)
  const { reports: files, skipped } = await checkFiles(setup, datasets, budget)
  if (skipped) notes.push(timeBudgetNote(budget.seconds, skipped, datasets.length))
  const provenance = await checkProvenance(repo, baseSha, headSha, policy, datasets)
  if (provenance) {
    for (const report of files)
      report.findings.push(...(provenance.findings.get(report.path) ?? []))
    notes.push(...provenance.notes)
  }
  const report = buildReport({
    toolVersion: VERSION,
    base: baseSha,
    head: headSha,
    files,
    notes: notes.length ? notes : undefined,
    warnOnly: options.warnOnly ?? policy['warn-only'],
    failOn: options.failOn ?? policy['fail-on']
  })
  return { report, policySource: setup.source }
}

/**
 * One shard of a run (`check --shard i/n`): the same pipeline over the changed dataset files the
 * assignment gives this shard, and — on shard 1 only — what the run computes across files (the
 * policy-change note, provenance over all the files). The verdict is the merge's: a shard only
 * records its reports. Each shard has the whole time budget: the budget is per job.
 */
export async function runShard(
  options: Omit<RunOptions, 'warnOnly' | 'failOn'>,
  shard: ShardSpec
): Promise<PartialState> {
  try {
    return await runShardCheck(options, shard)
  } catch (error) {
    if (error instanceof GitError) throw gitFailure(error)
    throw error
  }
}

async function runShardCheck(
  options: Omit<RunOptions, 'warnOnly' | 'failOn'>,
  shard: ShardSpec
): Promise<PartialState> {
  const setup = await setUp(options)
  const { repo, baseSha, headSha, policy, datasets, log } = setup
  const first = shard.index === 1
  const notes = first ? await policyNotes(setup) : []
  const budget = startBudget(setup)
  const weights = await datasetWeights(repo, baseSha, headSha, datasets)
  const shards = assignShards(
    datasets.map((f, i) => ({ path: f.path, weight: weights[i] })),
    shard.count
  )
  const mine = datasets.filter((_, i) => shards[i] === shard.index)
  log(
    `shard ${shard.index}/${shard.count}: ${mine.length} of ${fileCount(datasets.length)} (${setup.changed.length} changed)`
  )
  const { reports, skipped } = await checkFiles(setup, mine, budget)
  const provenance = first ? await checkProvenance(repo, baseSha, headSha, policy, datasets) : null
  return {
    kind: PARTIAL_KIND,
    partialVersion: PARTIAL_VERSION,
    tool: { name: 'dataset-gate', version: VERSION },
    base: baseSha,
    head: headSha,
    policy: {
      fingerprint: policyFingerprint(policy, setup.policyPath),
      source: setup.source,
      warnOnly: policy['warn-only'],
      failOn: policy['fail-on'],
      timeBudgetSeconds: budget.seconds
    },
    shard: { index: shard.index, count: shard.count },
    plan: datasets.map((f, i) => ({ path: f.path, shard: shards[i] })),
    files: normalizeFiles(reports),
    skipped,
    run: first
      ? {
          notes,
          provenance: provenance
            ? {
                findings: datasets
                  .filter((f) => provenance.findings.has(f.path))
                  .map((f) => ({
                    path: f.path,
                    findings: normalizeFindings(provenance.findings.get(f.path) ?? [])
                  })),
                notes: provenance.notes
              }
            : null
        }
      : null
  }
}

async function checkFile(
  repo: string,
  baseSha: string,
  headSha: string,
  file: ChangedFile,
  policy: Policy,
  repository: RepositoryContext,
  budget: TimeBudget,
  log: (message: string) => void,
  progress: FileProgress
): Promise<FileReport> {
  const settings = fileSettingsFor(policy, file.path)
  const detected = formatFromPath(file.path)
  const pathFormat: PathFormat | null = settings?.format
    ? { format: settings.format, gzip: detected?.gzip ?? false }
    : detected
  const report = emptyFileReport(file, pathFormat?.format ?? null)
  if (!pathFormat) {
    report.findings.push(
      unreadable(
        file.path,
        'the format cannot be told from the file name; set `format` for it under `files` in the policy'
      )
    )
    return report
  }
  const basePath = file.previousPath ?? file.path
  const sides = {
    base: file.status === 'added' ? null : { sha: baseSha, path: basePath },
    head: file.status === 'deleted' ? null : { sha: headSha, path: file.path }
  }
  const limits: Limits = {
    maxRows: policy.limits['max-rows'],
    maxRowBytes: policy.limits['max-row-bytes'],
    severity: policy.limits.severity
  }
  const versions: { base: LimitedVersion | null; head: LimitedVersion | null } = {
    base: null,
    head: null
  }
  for (const side of ['base', 'head'] as const) {
    const location = sides[side]
    if (!location) continue
    // Every stream of this version counts its bytes, for the progress display's share done.
    const opened = metered(
      side,
      progress,
      await openVersion(
        repo,
        location.sha,
        location.path,
        pathFormat,
        policy.limits['max-file-bytes']
      )
    )
    if ('problem' in opened) {
      if (side === 'head') {
        // Nothing of the file was analysed: whatever was said of its base is beside the point.
        report.findings = [unreadable(file.path, opened.problem)]
        return report
      }
      // The head is still checked, as a new file: every row counts as added and the checks that
      // compare with the base stay silent. That must show in the report, not only in a log (a
      // workflow that does not fetch the base's LFS objects would otherwise weaken every run).
      report.findings.push({
        ...unreadable(file.path, opened.problem),
        severity: 'warn',
        title: 'Base version not analysed',
        message: `The base version of ${basePath} (at ${baseSha.slice(0, 12)}) could not be read, so ${file.path} was checked as a new file, without the checks that compare with the base: ${opened.problem}`
      })
      continue
    }
    const read: RowSource = () =>
      readRows(pathFormat.format, opened.open(), { gzip: pathFormat.gzip })
    const records = recordsOf(pathFormat, opened.open)
    versions[side] = new LimitedVersion(read, limits, budget, records)
  }

  const context: FileContext = {
    path: file.path,
    previousPath: file.previousPath,
    status: file.status,
    format: pathFormat.format
  }
  const analysis = await analyzeFile(
    context,
    versions.base?.source ?? null,
    versions.head?.source ?? null,
    {
      baseRecords: versions.base?.records,
      headRecords: versions.head?.records,
      hints: {
        textColumns: settings?.['text-columns'],
        outputColumns: settings?.['output-columns'],
        labelColumn: settings?.['label-column'],
        keyColumn: settings?.['key-column']
      },
      onProgress: (passProgress) => progress.update(passProgress)
    }
  )
  report.rows = {
    base: analysis.base.rowCount,
    head: analysis.head.rowCount,
    added: analysis.added.length,
    removed: analysis.removed.length,
    modified: analysis.modified.length
  }
  const limited = limitFindings(versions, limits, budget)
  // A pass stopped by the clock leaves the passes disagreeing: their findings would be noise.
  // Findings made before the analysis (an unreadable base) come first.
  const early = report.findings
  if (versions.base?.cut === 'time-budget' || versions.head?.cut === 'time-budget') {
    report.findings = [...early, ...limited]
    return report
  }
  // Checks cannot be interrupted once started, so none start after the budget is spent.
  if (budget.exceeded) {
    report.findings = [
      ...early,
      ...limited,
      timeBudgetCutFinding(
        budget,
        limits.severity,
        'after the file was read, before its checks ran'
      )
    ]
    return report
  }
  progress.checking()
  report.findings = [...early, ...runChecks(analysis, policy.checks, repository), ...limited]
  return report
}

function metered(
  side: 'base' | 'head',
  progress: FileProgress,
  opened: OpenedVersion
): OpenedVersion {
  if ('problem' in opened) return opened
  return { ...opened, open: progress.meter(side, opened.open, opened.size) }
}

function emptyFileReport(file: ChangedFile, format: FileReport['format']): FileReport {
  return {
    path: file.path,
    previousPath: file.previousPath,
    status: file.status,
    format,
    rows: { base: 0, head: 0, added: 0, removed: 0 },
    findings: []
  }
}

/** Paths come from the pull request: a newline in one must not start a workflow command in the log. */
function shown(text: string): string {
  return escapeTerminal(text, { maxLength: 300 })
}

/** Always a failure: a gate that could not read a dataset must not look like a pass. */
function unreadable(path: string, reason: string): Finding {
  return {
    check: 'file.unreadable',
    severity: 'fail',
    title: 'Dataset file not analysed',
    message: `${path} could not be analysed: ${reason}`,
    rows: [],
    explanation:
      'A dataset file that cannot be read cannot be checked, so it cannot be let through silently: ' +
      'either make it readable or exclude it from the policy on purpose.'
  }
}

async function policyChangeNote(
  repo: string,
  headSha: string,
  path: string,
  policy: Policy,
  source: string
): Promise<string> {
  const info = await blobInfo(repo, headSha, path)
  if (!info.exists)
    return `This pull request deletes the policy file ${path}; it is judged by ${source}.`
  // The proposed policy is the pull request's own text: bounded before it reaches the parser.
  const text =
    info.size > MAX_PROPOSED_POLICY_BYTES ? null : ((await readBlobText(repo, headSha, path)) ?? '')
  const problem =
    text === null
      ? `it is ${info.size.toLocaleString('en-US')} bytes, over ${MAX_PROPOSED_POLICY_BYTES.toLocaleString('en-US')}`
      : yamlNestingProblem(text)
  if (text === null || problem !== null)
    return `This pull request changes the policy file ${path} to one that was not read (${problem}); it is judged by ${source}.`
  let proposed: Policy
  try {
    proposed = parsePolicy(text, `head:${path}`)
  } catch (error) {
    return `This pull request changes the policy file ${path} to an invalid one (${(error as Error).message}); it is judged by ${source}.`
  }
  return `This pull request changes the policy file ${path}; it is judged by ${source}, not by the proposed policy. ${describePolicyChange(policy, proposed)}`
}
