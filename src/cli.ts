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
import { run } from './run.js'
import type { Report } from './types.js'
import { PROJECT_URL } from './project.js'
import { VERSION } from './version.js'

const USAGE = `dataset-gate ${VERSION} — stops poisoned or broken training data at the pull request

Usage:
  dataset-gate check [--repo DIR] [--base REF] [--head REF] [--config FILE]
                     [--json FILE] [--markdown FILE] [--sarif FILE] [--quiet]
                     [--warn-only] [--fail-on fail|warn]
  dataset-gate demo      run the check on a bundled example (needs only Node and git)
  dataset-gate init      write a starter policy and workflow into the current repository
  dataset-gate schema    print the policy's JSON Schema

Exit codes: 0 pass or warn, 1 fail, 2 the tool could not do its job.`

/** Exit codes are a contract (DESIGN.md): 0 pass/warn, 1 fail, 2 the tool could not do its job. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'check':
        return await checkCommand(rest)
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

async function checkCommand(args: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args,
      options: {
        repo: { type: 'string', default: '.' },
        base: { type: 'string' },
        head: { type: 'string' },
        config: { type: 'string' },
        json: { type: 'string' },
        markdown: { type: 'string' },
        sarif: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        'warn-only': { type: 'boolean' },
        'fail-on': { type: 'string' }
      },
      strict: true,
      allowPositionals: false
    })
  } catch (error) {
    throw new UserError((error as Error).message, 'run `dataset-gate --help` for the options')
  }
  const { values } = parsed
  const failOn = values['fail-on']
  if (failOn !== undefined && failOn !== 'fail' && failOn !== 'warn')
    throw new UserError(`--fail-on must be "fail" or "warn", not "${failOn}"`)
  const progress = !values.quiet && process.stderr.isTTY
  const { report } = await run({
    repo: values.repo,
    base: values.base,
    head: values.head,
    config: values.config,
    warnOnly: values['warn-only'],
    failOn,
    log: progress ? (message) => process.stderr.write(`\u001b[2m${message}\u001b[22m\n`) : undefined
  })
  await writeOutputs(report, values)
  if (!values.quiet)
    process.stdout.write(
      renderText(report, { color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR }) + '\n'
    )
  return report.verdict === 'fail' ? 1 : 0
}

export async function writeOutputs(
  report: Report,
  files: { json?: string; markdown?: string; sarif?: string }
): Promise<void> {
  const write = async (path: string, content: string): Promise<void> => {
    try {
      await writeFile(path, content)
    } catch (error) {
      throw new UserError(
        `cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`
      )
    }
  }
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
