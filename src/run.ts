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
import { openVersion } from './open-version.js'
import { readRows } from './formats/index.js'
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
import { checkProvenance } from './provenance/index.js'
import { normalizePath } from './provenance/manifest.js'
import { escapeTerminal } from './report/escape.js'
import { buildReport } from './report/json.js'
import { buildRepositoryContext } from './analysis/reference-rows.js'
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
  /** Progress messages (stderr in the CLI, log lines in Actions). */
  log?: (message: string) => void
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

async function runCheck(options: RunOptions): Promise<RunResult> {
  const clock = options.clock ?? Date.now
  const started = clock()
  const log = options.log ?? (() => {})
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
  const notes: string[] = []
  if (changed.some((f) => f.path === policyPath || f.previousPath === policyPath)) {
    notes.push(await policyChangeNote(repo, headSha, policyPath, policy, source))
  }
  const budget = new TimeBudget(policy.limits['time-budget-seconds'], clock, started)
  const manifestPath = normalizePath(policy.provenance.manifest)
  const datasets = changed.filter(
    (f) => isDatasetPath(policy, f.path) && f.path !== policyPath && f.path !== manifestPath
  )
  log(
    `${datasets.length} changed dataset ${datasets.length === 1 ? 'file' : 'files'} of ${changed.length} changed`
  )
  const repository = datasets.some((f) => f.status !== 'deleted')
    ? await buildRepositoryContext(repo, headSha, policy)
    : { evalRows: null, unverifiedRows: null }

  const files: FileReport[] = []
  let skipped = 0
  for (const file of datasets) {
    if (budget.exceeded) {
      skipped++
      files.push({
        ...emptyFileReport(file, formatFromPath(file.path)?.format ?? null),
        findings: [budgetExceededFinding(budget, policy.limits.severity)]
      })
      continue
    }
    log(`checking ${shown(file.path)} (${file.status})`)
    files.push(await checkFile(repo, baseSha, headSha, file, policy, repository, budget, log))
  }
  if (skipped) {
    notes.push(
      `The time budget (limits.time-budget-seconds = ${budget.seconds}) ran out: ${skipped} of ${datasets.length} dataset files were not analysed.`
    )
  }
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
  return { report, policySource: source }
}

async function checkFile(
  repo: string,
  baseSha: string,
  headSha: string,
  file: ChangedFile,
  policy: Policy,
  repository: RepositoryContext,
  budget: TimeBudget,
  log: (message: string) => void
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
    const opened = await openVersion(
      repo,
      location.sha,
      location.path,
      pathFormat,
      policy.limits['max-file-bytes']
    )
    if ('problem' in opened) {
      if (side === 'head') {
        report.findings.push(unreadable(file.path, opened.problem))
        return report
      }
      log(`base version of ${shown(basePath)} not analysed: ${shown(opened.problem)}`)
      continue
    }
    const read: RowSource = () =>
      readRows(pathFormat.format, opened.open(), { gzip: pathFormat.gzip })
    versions[side] = new LimitedVersion(read, limits, budget)
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
      hints: {
        textColumns: settings?.['text-columns'],
        outputColumns: settings?.['output-columns'],
        labelColumn: settings?.['label-column'],
        keyColumn: settings?.['key-column']
      },
      onProgress: (rows) => log(`${shown(file.path)}: ${rows.toLocaleString('en-US')} rows read`)
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
  if (versions.base?.cut === 'time-budget' || versions.head?.cut === 'time-budget') {
    report.findings = limited
    return report
  }
  // Checks cannot be interrupted once started, so none start after the budget is spent.
  if (budget.exceeded) {
    report.findings = [
      ...limited,
      timeBudgetCutFinding(
        budget,
        limits.severity,
        'after the file was read, before its checks ran'
      )
    ]
    return report
  }
  report.findings = [...runChecks(analysis, policy.checks, repository), ...limited]
  return report
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
