import * as core from '@actions/core'
import * as github from '@actions/github'
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { isUserError, UserError } from './errors.js'
import { applyOverrideFromEvent } from './github/approval.js'
import { readGitHubInputs, type GitHubInputs } from './github/inputs.js'
import { readReportFile } from './github/report-file.js'
import { publish, type CommentMode } from './github/publish.js'
import { LogProgress } from './progress.js'
import { serializeReport } from './report/json.js'
import { renderSarif } from './report/sarif.js'
import { run as runCheck } from './run.js'
import { PROJECT_URL } from './project.js'
import { VERSION } from './version.js'

interface Inputs {
  config: string
  token: string
  comment: CommentMode
  warnOnly: boolean | undefined
  failOn: 'fail' | 'warn' | undefined
  sarif: string
  reportPath: string
}

/**
 * The action: gather inputs → run the check → report (outputs, job summary, comment) → verdict.
 * Publishing failures are warnings; only the verdict decides whether the step fails.
 */
export async function run(): Promise<void> {
  try {
    const inputs = readInputs()
    const { base, head, pullNumber } = refsFromEvent()
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
    // report-file: the workflow_run publisher; nothing is checked out or analysed.
    const analysed = inputs.github.reportFile
      ? await readReportFile(resolve(workspace, inputs.github.reportFile))
      : (
          await core.group('Dataset Gate: analyse changed datasets', () =>
            runCheck({
              repo: workspace,
              base,
              head,
              config: inputs.config ? join(workspace, inputs.config) : undefined,
              warnOnly: inputs.warnOnly,
              failOn: inputs.failOn,
              // Plain lines, at most one progress line every 10 s: the log keeps every byte.
              progress: new LogProgress(
                (line) => core.info(line),
                Date.now,
                10_000,
                (message) => core.info(message)
              )
            })
          )
        ).report
    const report = await applyOverrideFromEvent(analysed, {
      token: inputs.token,
      label: inputs.github.overrideLabel,
      pullNumber: inputs.github.pullRequestNumber ?? pullNumber
    })
    const reportPath =
      inputs.reportPath || join(process.env.RUNNER_TEMP || workspace, 'dataset-gate-report.json')
    await writeFile(reportPath, serializeReport(report))
    core.setOutput('verdict', report.verdict)
    core.setOutput('report', reportPath)
    core.setOutput('failures', String(report.summary.failures))
    core.setOutput('warnings', String(report.summary.warnings))
    if (inputs.sarif) {
      await mkdir(join(inputs.sarif, '..'), { recursive: true })
      await writeFile(
        inputs.sarif,
        JSON.stringify(
          renderSarif(report, { toolVersion: VERSION, informationUri: PROJECT_URL }),
          null,
          2
        )
      )
    }
    await publish(report, {
      token: inputs.token,
      comment: inputs.comment,
      pullNumber: inputs.github.pullRequestNumber ?? pullNumber,
      reviewComments: inputs.github.reviewComments,
      maxReviewComments: inputs.github.maxReviewComments,
      hideAndRecreate: inputs.github.hideAndRecreate,
      artifactName: inputs.github.artifactName,
      overrideLabel: inputs.github.overrideLabel,
      // The workflow_run publisher's job is not the one that analysed: no annotations there.
      annotations: inputs.github.reportFile === ''
    })
    if (inputs.github.reportFile) {
      // The analysing run's check is the gate; failing the publisher would only add a red run.
      core.info(`Published the report of ${report.head.slice(0, 12)}: verdict ${report.verdict}.`)
    } else if (report.verdict === 'fail') {
      core.setFailed(
        `Dataset Gate: ${report.summary.failures} failing finding(s) in the changed datasets`
      )
    } else if (report.verdict === 'warn') {
      const count = report.summary.failures + report.summary.warnings
      core.warning(`Dataset Gate: ${count} finding(s) to review in the changed datasets`)
    }
  } catch (error) {
    if (isUserError(error))
      core.setFailed(error.hint ? `${error.message}\n${error.hint}` : error.message)
    else core.setFailed(error instanceof Error ? (error.stack ?? error.message) : String(error))
  }
}

function readInputs(): Inputs & { github: GitHubInputs } {
  const comment = core.getInput('comment') || 'always'
  if (comment !== 'always' && comment !== 'on-failure' && comment !== 'never') {
    throw new UserError(`input "comment" must be always, on-failure or never (got "${comment}")`)
  }
  const failOn = core.getInput('fail-on')
  if (failOn !== '' && failOn !== 'fail' && failOn !== 'warn')
    throw new UserError(`input "fail-on" must be fail or warn (got "${failOn}")`)
  const warnOnly = core.getInput('warn-only')
  if (warnOnly !== '' && !/^(true|false)$/i.test(warnOnly))
    throw new UserError(`input "warn-only" must be true or false (got "${warnOnly}")`)
  return {
    config: core.getInput('config'),
    token: core.getInput('github-token'),
    comment,
    // Inputs left empty defer to the policy file, which is the single home of defaults.
    warnOnly: warnOnly === '' ? undefined : warnOnly.toLowerCase() === 'true',
    failOn: failOn === '' ? undefined : failOn,
    sarif: core.getInput('sarif'),
    reportPath: core.getInput('report-path'),
    github: readGitHubInputs()
  }
}

/** Base and head commits from the pull_request event; other events fall back to the CLI defaults. */
function refsFromEvent(): { base?: string; head?: string; pullNumber?: number } {
  const pullRequest = github.context.payload.pull_request
  if (!pullRequest) {
    core.info(
      `Event ${github.context.eventName} has no pull request: comparing HEAD with its merge base.`
    )
    return {}
  }
  return {
    base: pullRequest.base?.sha as string | undefined,
    head: pullRequest.head?.sha as string | undefined,
    pullNumber: pullRequest.number
  }
}
