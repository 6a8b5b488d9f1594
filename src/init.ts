import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { UserError } from './errors.js'

export const STARTER_POLICY = `# Dataset Gate policy — read from the base branch, so a pull request cannot loosen it.
# Every key is optional; docs/POLICY.md lists them all. Editors: dataset-gate schema > dataset-gate.schema.json
datasets:
  - "data/**/*.jsonl"
  - "data/**/*.csv"
  - "data/**/*.tsv"
warn-only: false        # true: report, never fail
fail-on: fail           # warn: warnings block the merge too
eval-files:             # added training rows must not copy these
  - "**/*test*.*"
  - "**/*eval*.*"
# files:                # column roles, when the guess is not right
#   - path: "data/support/*.csv"
#     text-columns: [message]
#     label-column: intent
#     key-column: id
checks:
  volume.rows: warn
  # trigger.token: { severity: fail, min-rows: 3, fdr: 0.05 }
`

export const STARTER_WORKFLOW = `name: Dataset Gate
on:
  pull_request:
    paths:
      - "data/**"
      - ".github/dataset-gate.yml"
permissions:
  contents: read
  pull-requests: write
jobs:
  dataset-gate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: dataset-gate/dataset-gate@v1
`

/** Writes a starter policy and workflow; never overwrites an existing file. */
export async function runInit(directory: string, args: string[]): Promise<number> {
  if (args.length) throw new UserError(`init takes no arguments (got ${args.join(' ')})`)
  const files: Array<[string, string]> = [
    ['.github/dataset-gate.yml', STARTER_POLICY],
    ['.github/workflows/dataset-gate.yml', STARTER_WORKFLOW]
  ]
  for (const [path, content] of files) {
    const target = join(directory, path)
    if (existsSync(target)) {
      process.stdout.write(`kept ${path} (already exists)\n`)
      continue
    }
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, content)
    process.stdout.write(`wrote ${path}\n`)
  }
  return 0
}
