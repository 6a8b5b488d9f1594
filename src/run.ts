import { analyzeFile } from './analysis/analyze-file.js'
import type { FileContext, RowSource } from './analysis/types.js'
import { runChecks } from './checks/index.js'
import type { RepositoryContext } from './checks/types.js'
import { blobInfo, openBlob, readBlobHead } from './git/blob.js'
import { listChangedFiles, type ChangedFile } from './git/changes.js'
import { assertGitRepository, defaultBaseRef, resolveCommit } from './git/refs.js'
import { formatFromPath, sniffContent, type PathFormat } from './formats/detect.js'
import { readRows } from './formats/index.js'
import { describePolicyChange } from './policy/diff.js'
import {
  DEFAULT_POLICY_PATH,
  loadPolicyFromFile,
  loadPolicyFromRef,
  parsePolicy
} from './policy/load.js'
import { fileSettingsFor, isDatasetPath } from './policy/match.js'
import type { Policy } from './policy/schema.js'
import { buildReport } from './report/json.js'
import { buildRepositoryContext } from './analysis/reference-rows.js'
import type { FileReport, Finding, Report } from './types.js'
import { VERSION } from './version.js'
import { readBlobText } from './git/blob.js'

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
}

export interface RunResult {
  report: Report
  policySource: string
}

/** The whole check: refs → policy → changed dataset files → analysis → findings → report. */
export async function run(options: RunOptions): Promise<RunResult> {
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
  const datasets = changed.filter((f) => isDatasetPath(policy, f.path) && f.path !== policyPath)
  log(
    `${datasets.length} changed dataset ${datasets.length === 1 ? 'file' : 'files'} of ${changed.length} changed`
  )
  const repository = datasets.some((f) => f.status !== 'deleted')
    ? await buildRepositoryContext(repo, headSha, policy)
    : { evalRows: null, unverifiedRows: null }

  const files: FileReport[] = []
  for (const file of datasets) {
    log(`checking ${file.path} (${file.status})`)
    files.push(await checkFile(repo, baseSha, headSha, file, policy, repository, log))
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
  log: (message: string) => void
): Promise<FileReport> {
  const settings = fileSettingsFor(policy, file.path)
  const detected = formatFromPath(file.path)
  const pathFormat: PathFormat | null = settings?.format
    ? { format: settings.format, gzip: detected?.gzip ?? false }
    : detected
  const report: FileReport = {
    path: file.path,
    previousPath: file.previousPath,
    status: file.status,
    format: pathFormat?.format ?? null,
    rows: { base: 0, head: 0, added: 0, removed: 0 },
    findings: []
  }
  if (!pathFormat) {
    report.findings.push(
      unreadable(
        policy,
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
  const sources: { base: RowSource | null; head: RowSource | null } = { base: null, head: null }
  for (const side of ['base', 'head'] as const) {
    const location = sides[side]
    if (!location) continue
    const problem = await unreadableReason(repo, location.sha, location.path, pathFormat, policy)
    if (problem) {
      if (side === 'head') report.findings.push(unreadable(policy, file.path, problem))
      else log(`base version of ${basePath} not analysed: ${problem}`)
      if (side === 'head') return report
      continue
    }
    sources[side] = () =>
      readRows(pathFormat.format, openBlob(repo, location.sha, location.path), {
        gzip: pathFormat.gzip
      })
  }

  const context: FileContext = {
    path: file.path,
    previousPath: file.previousPath,
    status: file.status,
    format: pathFormat.format
  }
  const analysis = await analyzeFile(context, sources.base, sources.head, {
    hints: {
      textColumns: settings?.['text-columns'],
      outputColumns: settings?.['output-columns'],
      labelColumn: settings?.['label-column'],
      keyColumn: settings?.['key-column']
    },
    onProgress: (rows) => log(`${file.path}: ${rows.toLocaleString('en-US')} rows read`)
  })
  report.rows = {
    base: analysis.base.rowCount,
    head: analysis.head.rowCount,
    added: analysis.added.length,
    removed: analysis.removed.length,
    modified: analysis.modified.length
  }
  report.findings =
    file.status === 'deleted'
      ? [deletedFinding(analysis.base.rowCount)]
      : runChecks(analysis, policy.checks, repository)
  return report
}

/** Why a version cannot be read as rows (LFS pointer, binary, too large), or null when it can. */
async function unreadableReason(
  repo: string,
  sha: string,
  path: string,
  format: PathFormat,
  policy: Policy
): Promise<string | null> {
  const info = await blobInfo(repo, sha, path)
  if (!info.exists) return `${path} does not exist at ${sha.slice(0, 12)}`
  if (info.size > policy.limits['max-file-bytes']) {
    return `the file is ${info.size.toLocaleString('en-US')} bytes, over the limit of ${policy.limits['max-file-bytes'].toLocaleString('en-US')} (limits.max-file-bytes)`
  }
  const head = await readBlobHead(repo, sha, path, 1024)
  const kind = sniffContent(head)
  if (kind === 'lfs-pointer')
    return 'the file is a Git LFS pointer, not the data: check out with `lfs: true` (actions/checkout) so the objects are present'
  if (kind === 'binary' && !format.gzip && format.format !== 'parquet')
    return `the file holds binary data, not ${format.format.toUpperCase()} text`
  return null
}

function unreadable(policy: Policy, path: string, reason: string): Finding {
  const severity = (policy.checks as Record<string, { severity?: string } | undefined>)[
    'file.unreadable'
  ]?.severity
  return {
    check: 'file.unreadable',
    severity: severity === 'warn' || severity === 'notice' ? severity : 'fail',
    title: 'Dataset file not analysed',
    message: `${path} could not be analysed: ${reason}`,
    rows: [],
    explanation:
      'A dataset file that cannot be read cannot be checked, so it cannot be let through silently: ' +
      'either make it readable or exclude it from the policy on purpose.'
  }
}

function deletedFinding(rows: number): Finding {
  return {
    check: 'volume.rows',
    severity: 'warn',
    title: 'Dataset file deleted',
    message: `The pull request deletes this dataset file (${rows} rows in the base)`,
    value: rows,
    rows: []
  }
}

async function policyChangeNote(
  repo: string,
  headSha: string,
  path: string,
  policy: Policy,
  source: string
): Promise<string> {
  const text = await readBlobText(repo, headSha, path)
  if (text === null)
    return `This pull request deletes the policy file ${path}; it is judged by ${source}.`
  let proposed: Policy
  try {
    proposed = parsePolicy(text, `head:${path}`)
  } catch (error) {
    return `This pull request changes the policy file ${path} to an invalid one (${(error as Error).message}); it is judged by ${source}.`
  }
  return `This pull request changes the policy file ${path}; it is judged by ${source}, not by the proposed policy. ${describePolicyChange(policy, proposed)}`
}
