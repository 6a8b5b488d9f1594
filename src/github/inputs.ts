/**
 * The action inputs that shape publishing on GitHub (review comments, the override label, the
 * workflow_run publisher). Read in one place so main.ts only spreads them; a bad value is a
 * UserError that says which input and what it accepts.
 */
import * as core from '@actions/core'
import { UserError } from '../errors.js'
import { DEFAULT_MAX_REVIEW_COMMENTS } from './publish.js'

export interface GitHubInputs {
  reviewComments: boolean
  maxReviewComments: number
  hideAndRecreate: boolean
  /** Name of the artifact holding the JSON report; '' when the workflow uploads none. */
  artifactName: string
  /** '' turns the override off. */
  overrideLabel: string
  /** A JSON report from an earlier run: publish it instead of analysing. '' to analyse. */
  reportFile: string
  /** For runs whose event is not the pull request (workflow_run). */
  pullRequestNumber: number | undefined
}

type GetInput = (name: string) => string

function booleanInput(getInput: GetInput, name: string, fallback: boolean): boolean {
  const value = getInput(name).trim()
  if (value === '') return fallback
  if (/^(true|yes|on)$/i.test(value)) return true
  if (/^(false|no|off)$/i.test(value)) return false
  throw new UserError(`Input "${name}" must be true or false (got "${value}").`)
}

function countInput(getInput: GetInput, name: string, fallback: number): number {
  const value = getInput(name).trim()
  if (value === '') return fallback
  if (!/^\d+$/.test(value)) {
    throw new UserError(`Input "${name}" must be a whole number, 0 or more (got "${value}").`)
  }
  return Number(value)
}

export function readGitHubInputs(getInput: GetInput = (name) => core.getInput(name)): GitHubInputs {
  const pullRequest = getInput('pull-request-number').trim()
  if (pullRequest !== '' && !/^[1-9]\d*$/.test(pullRequest)) {
    throw new UserError(
      `Input "pull-request-number" must be a pull request number (got "${pullRequest}").`
    )
  }
  return {
    reviewComments: booleanInput(getInput, 'review-comments', true),
    maxReviewComments: countInput(getInput, 'max-review-comments', DEFAULT_MAX_REVIEW_COMMENTS),
    hideAndRecreate: booleanInput(getInput, 'hide-and-recreate', false),
    artifactName: getInput('report-artifact').trim(),
    // An explicitly empty input turns the override off; action.yml supplies the default.
    overrideLabel: getInput('override-label').trim(),
    reportFile: getInput('report-file').trim(),
    pullRequestNumber: pullRequest === '' ? undefined : Number(pullRequest)
  }
}
