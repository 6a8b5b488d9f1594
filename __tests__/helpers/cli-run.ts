/** Running the bundled CLI against a TestRepo and reading back its JSON report. */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TestRepo } from './git-repo.js'
import type { Finding, Report } from '../../src/types.js'

export const CLI = join(process.cwd(), 'dist', 'cli.js')

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
  /** Wall-clock milliseconds the process took. */
  ms: number
}

export function cli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}
): CliResult {
  const started = Date.now()
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? process.cwd(),
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    // A hang is a failure too: it must show up as one, not stall the suite.
    timeout: options.timeoutMs ?? 30_000,
    maxBuffer: 64 * 1024 * 1024
  })
  if (result.error) throw result.error
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    ms: Date.now() - started
  }
}

export interface CheckResult extends CliResult {
  report: Report
}

/** `check --base main --head pr` with a JSON report; the report must exist. */
export function check(
  repo: TestRepo,
  extra: string[] = [],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}
): CheckResult {
  const out = join(repo.dir, '.git', 'dataset-gate-report.json')
  const result = cli(
    [
      'check',
      '--repo',
      repo.dir,
      '--base',
      'main',
      '--head',
      'pr',
      '--json',
      out,
      '--quiet',
      ...extra
    ],
    options
  )
  if (!existsSync(out)) {
    throw new Error(`no report (exit ${result.code}):\n${result.stderr}\n${result.stdout}`)
  }
  return { ...result, report: JSON.parse(readFileSync(out, 'utf8')) as Report }
}

export function fileReport(report: Report, path: string) {
  const file = report.files.find((f) => f.path === path)
  if (!file)
    throw new Error(`no file ${path} in the report: ${report.files.map((f) => f.path).join(', ')}`)
  return file
}

export function findingsOf(report: Report, path: string, check: string): Finding[] {
  return fileReport(report, path).findings.filter((f) => f.check === check)
}

export function onlyFinding(report: Report, path: string, check: string): Finding {
  const found = findingsOf(report, path, check)
  if (found.length !== 1) {
    throw new Error(
      `expected one ${check} finding in ${path}, found ${found.length}: ${JSON.stringify(fileReport(report, path).findings.map((f) => [f.check, f.severity, f.message]))}`
    )
  }
  return found[0]
}

/** Check ids of the failing findings of a file, sorted. */
export function failingChecks(report: Report, path: string): string[] {
  return fileReport(report, path)
    .findings.filter((f) => f.severity === 'fail')
    .map((f) => f.check)
    .sort()
}

/** A stack frame line as V8 prints it. */
export const STACK_FRAME = /\n\s{4}at /
