import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { runDemo } from './demo.js'
import { isUserError, UserError } from './errors.js'
import { runInit } from './init.js'
import { policyJsonSchema } from './policy/schema.js'
import { serializeReport } from './report/json.js'
import { DEFAULT_MARKER, renderComment } from './report/markdown.js'
import { escapeTerminal } from './report/escape.js'
import { renderSarif } from './report/sarif.js'
import { renderText } from './report/text.js'
import { cliProgress } from './progress.js'
import { run, runShard } from './run.js'
import { parseShard } from './shard/assign.js'
import { mergePartials } from './shard/merge.js'
import { readPartialFile, serializePartial } from './shard/partial.js'
import type { Report } from './types.js'
import { PROJECT_URL } from './project.js'
import { VERSION } from './version.js'

const USAGE = `dataset-gate ${VERSION} — stops poisoned or broken training data at the pull request

Usage:
  dataset-gate check [--repo DIR] [--base REF] [--head REF] [--config FILE]
                     [--json FILE] [--markdown FILE] [--sarif FILE] [--quiet]
                     [--warn-only] [--fail-on fail|warn]
  dataset-gate check --shard I/N --partial FILE [--repo DIR] [--base REF] [--head REF]
                     [--config FILE] [--quiet]
                         analyse shard I of N (the changed dataset files are split
                         by size) and write its partial state to FILE
  dataset-gate merge PARTIAL... [--json FILE] [--markdown FILE] [--sarif FILE] [--quiet]
                     [--warn-only] [--fail-on fail|warn]
                         combine the partial states of shards 1..N into the report,
                         outputs and exit code a single check gives
  dataset-gate demo      run the check on a bundled example (needs only Node and git)
  dataset-gate init      write a starter policy and workflow into the current repository
  dataset-gate schema    print the policy's JSON Schema

Progress goes to stderr: a redrawn line on a terminal, a plain line every 10 s elsewhere.
Exit codes: 0 pass or warn, 1 fail, 2 the tool could not do its job. check --shard exits 0
once its partial state is written: the verdict is merge's.`

/** Exit codes are a contract (DESIGN.md): 0 pass/warn, 1 fail, 2 the tool could not do its job. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'check':
        return await checkCommand(rest)
      case 'merge':
        return await mergeCommand(rest)
      case 'demo':
        return await runDemo()
      case 'init':
        return await runInit(process.cwd(), rest)
      case 'schema':
        process.stdout.write(JSON.stringify(policyJsonSchema(), null, 2) + '\n')
        return 0
      case '--version':
      case 'version':
        process.stdout.write(`${VERSION}\n`)
        return 0
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(USAGE + '\n')
        return command === undefined ? 2 : 0
      default:
        throw new UserError(
          `unknown command "${command}"`,
          'run `dataset-gate --help` for the commands'
        )
    }
  } catch (error) {
    process.stderr.write(formatFailure(error))
    return 2
  }
}

/**
 * What the CLI prints when a command fails: a user error is its message and hint, with no stack
 * trace; anything else is a bug and keeps its stack. Messages can quote file names and refs from
 * the repository, so control characters are shown, not sent to the terminal.
 */
export function formatFailure(error: unknown): string {
  if (isUserError(error)) {
    const hint = error.hint ? `hint: ${terminalSafe(error.hint)}\n` : ''
    return `dataset-gate: error: ${terminalSafe(error.message)}\n${hint}`
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
  return `dataset-gate: internal error (please report it): ${terminalSafe(detail)}\n`
}

/** Escapes each line on its own, so a stack trace keeps its line breaks. */
function terminalSafe(text: string): string {
  return text
    .split('\n')
    .map((line) => escapeTerminal(line))
    .join('\n')
}

const REPORT_OPTIONS = {
  json: { type: 'string' },
  markdown: { type: 'string' },
  sarif: { type: 'string' },
  quiet: { type: 'boolean', default: false },
  'warn-only': { type: 'boolean' },
  'fail-on': { type: 'string' }
} as const

function parse<T extends NonNullable<Parameters<typeof parseArgs>[0]>>(config: T) {
  try {
    return parseArgs(config)
  } catch (error) {
    throw new UserError((error as Error).message, 'run `dataset-gate --help` for the options')
  }
}

function failOnOf(value: string | undefined): 'fail' | 'warn' | undefined {
  if (value !== undefined && value !== 'fail' && value !== 'warn')
    throw new UserError(`--fail-on must be "fail" or "warn", not "${value}"`)
  return value
}

async function checkCommand(args: string[]): Promise<number> {
  const { values } = parse({
    args,
    options: {
      repo: { type: 'string', default: '.' },
      base: { type: 'string' },
      head: { type: 'string' },
      config: { type: 'string' },
      shard: { type: 'string' },
      partial: { type: 'string' },
      ...REPORT_OPTIONS
    },
    strict: true,
    allowPositionals: false
  })
  const failOn = failOnOf(values['fail-on'])
  const progress = cliProgress({ quiet: values.quiet, stream: process.stderr })
  if (values.shard !== undefined || values.partial !== undefined) {
    return await shardCommand({ ...values, shard: values.shard, partial: values.partial }, progress)
  }
  const { report } = await run({
    repo: values.repo,
    base: values.base,
    head: values.head,
    config: values.config,
    warnOnly: values['warn-only'],
    failOn,
    progress
  })
  await writeOutputs(report, values)
  printReport(report, values.quiet)
  return report.verdict === 'fail' ? 1 : 0
}

/** `check --shard i/n --partial FILE`: one slice of the run, its state written for `merge`. */
async function shardCommand(
  values: {
    repo: string
    base?: string
    head?: string
    config?: string
    shard?: string
    partial?: string
    json?: string
    markdown?: string
    sarif?: string
    quiet: boolean
    'warn-only'?: boolean
    'fail-on'?: string
  },
  progress: ReturnType<typeof cliProgress>
): Promise<number> {
  if (values.shard === undefined || values.partial === undefined)
    throw new UserError(
      '--shard and --partial go together',
      'check --shard 2/4 --partial partial-2.json analyses shard 2 of 4 and writes its partial state'
    )
  for (const flag of ['json', 'markdown', 'sarif', 'warn-only', 'fail-on'] as const) {
    if (values[flag] !== undefined)
      throw new UserError(
        `--${flag} does not go with --shard: a shard writes only its partial state`,
        `pass --${flag} to \`dataset-gate merge\`, which writes the report of all the shards`
      )
  }
  const shard = parseShard(values.shard)
  const partial = values.partial
  const state = await runShard(
    {
      repo: values.repo,
      base: values.base,
      head: values.head,
      config: values.config,
      progress
    },
    shard
  )
  await writeFileOrFail(partial, serializePartial(state))
  if (!values.quiet) {
    const failures = state.files.flatMap((f) => f.findings).filter((f) => f.severity === 'fail')
    process.stdout.write(
      `Dataset Gate shard ${shard.index}/${shard.count}: ${state.files.length} of ${state.plan.length} changed dataset ${state.plan.length === 1 ? 'file' : 'files'} analysed, ${failures.length} failing ${failures.length === 1 ? 'finding' : 'findings'} so far; partial state written to ${terminalSafe(partial)}. Run \`dataset-gate merge\` on the partial states of all ${shard.count} shards for the verdict.\n`
    )
  }
  return 0
}

/** `merge PARTIAL...`: the partial states of every shard, combined into one run's report. */
async function mergeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse({
    args,
    options: REPORT_OPTIONS,
    strict: true,
    allowPositionals: true
  })
  const failOn = failOnOf(values['fail-on'])
  const inputs = []
  for (const source of positionals) inputs.push({ source, state: await readPartialFile(source) })
  const report = mergePartials(inputs, { warnOnly: values['warn-only'], failOn })
  await writeOutputs(report, values)
  printReport(report, values.quiet)
  return report.verdict === 'fail' ? 1 : 0
}

function printReport(report: Report, quiet: boolean): void {
  if (!quiet)
    process.stdout.write(
      renderText(report, { color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR }) + '\n'
    )
}

async function writeFileOrFail(path: string, content: string): Promise<void> {
  try {
    await writeFile(path, content)
  } catch (error) {
    throw new UserError(
      `cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`
    )
  }
}

export async function writeOutputs(
  report: Report,
  files: { json?: string; markdown?: string; sarif?: string }
): Promise<void> {
  const write = writeFileOrFail
  if (files.json) await write(files.json, serializeReport(report))
  if (files.markdown)
    await write(files.markdown, renderComment(report, { marker: DEFAULT_MARKER }) + '\n')
  if (files.sarif)
    await write(
      files.sarif,
      JSON.stringify(
        renderSarif(report, { toolVersion: VERSION, informationUri: PROJECT_URL }),
        null,
        2
      ) + '\n'
    )
}
