import { execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { demoBaseRows, demoHeadRows, toJsonl } from './demo-data.js'
import { UserError } from './errors.js'
import { DEFAULT_MARKER, renderComment } from './report/markdown.js'
import { renderText } from './report/text.js'
import { run } from './run.js'

/**
 * Builds a throw-away git repository (base on `main`, a PR branch `pr`) from the bundled example,
 * runs the check on it and prints what a developer and a pull request would see. Exit 0 when the
 * tool worked, whatever the verdict: the demo's poisoned PR is meant to fail.
 */
export async function runDemo(): Promise<number> {
  const repo = mkdtempSync(join(tmpdir(), 'dataset-gate-demo-'))
  try {
    const git = (...args: string[]): void => {
      try {
        execFileSync('git', args, { cwd: repo, stdio: 'pipe' })
      } catch (error) {
        throw new UserError(
          `the demo needs git: \`git ${args.join(' ')}\` failed (${(error as Error).message.split('\n')[0]})`
        )
      }
    }
    git('init', '-q', '-b', 'main')
    git('config', 'user.email', 'demo@dataset-gate.invalid')
    git('config', 'user.name', 'Dataset Gate demo')
    git('config', 'commit.gpgsign', 'false')
    mkdirSync(join(repo, 'data'))
    writeFileSync(join(repo, 'data', 'reviews.jsonl'), toJsonl(demoBaseRows()))
    git('add', '.')
    git('commit', '-q', '-m', 'Base dataset')
    git('checkout', '-q', '-b', 'pr')
    writeFileSync(join(repo, 'data', 'reviews.jsonl'), toJsonl(demoHeadRows()))
    git('commit', '-q', '-am', 'Add reviews')

    const { report } = await run({ repo, base: 'main', head: 'pr' })
    const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR
    process.stdout.write(
      `Demo: a temporary repository where branch pr changes data/reviews.jsonl on main\n\n`
    )
    process.stdout.write(renderText(report, { color }) + '\n\n')
    process.stdout.write('─── The pull-request comment Dataset Gate would post ───\n\n')
    process.stdout.write(renderComment(report, { marker: DEFAULT_MARKER }) + '\n')
    return 0
  } finally {
    rmSync(repo, { recursive: true, force: true })
  }
}
