/**
 * Reads who applied the override label and whether they may approve, then applies the override.
 * Any failure keeps the verdict as it was: an API outage must never turn a fail into a pass.
 */
import * as core from '@actions/core'
import type { Report } from '../types.js'
import { createClient, type ClientType } from './client.js'
import { actionsContext } from './context.js'
import { describeGitHubError } from './errors.js'
import {
  applyApproval,
  carriesLabel,
  latestLabelling,
  trustedRole,
  type Approval,
  type LabelEvent
} from './override.js'
import { pullRequestTarget, type EventContext } from './pull-request.js'
import { statusOf } from './status.js'

export interface ApprovalTarget {
  owner: string
  repo: string
  issueNumber: number
  label: string
}

export type ApprovalResult = { approval: Approval } | { approval: undefined; reason: string }

async function listLabelEvents(octokit: ClientType, target: ApprovalTarget): Promise<LabelEvent[]> {
  const events: LabelEvent[] = []
  const pages = octokit.paginate.iterator(octokit.rest.issues.listEvents, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100
  })
  for await (const page of pages) {
    for (const event of page.data) {
      if (event.event !== 'labeled' && event.event !== 'unlabeled') continue
      events.push({
        event: event.event,
        created_at: event.created_at,
        actor: event.actor,
        label: 'label' in event ? (event.label as { name: string } | null) : null
      })
    }
  }
  return events
}

/** Who applied the label, if they have write, maintain or admin permission. */
export async function resolveApproval(
  octokit: ClientType,
  target: ApprovalTarget
): Promise<ApprovalResult> {
  const labelling = latestLabelling(await listLabelEvents(octokit, target), target.label)
  if (labelling === undefined) {
    return { approval: undefined, reason: 'no labeled event for it was found' }
  }
  let role: string | undefined
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({
      owner: target.owner,
      repo: target.repo,
      username: labelling.login
    })
    role = trustedRole(data)
  } catch (error) {
    // 404: not a collaborator at all.
    if (statusOf(error) !== 404) throw error
  }
  if (role === undefined) {
    return {
      approval: undefined,
      reason: `@${labelling.login}, who applied it, does not have write, maintain or admin permission`
    }
  }
  return { approval: { ...labelling, label: target.label, role } }
}

export interface OverrideOptions {
  token: string
  label: string
  owner: string
  repo: string
  pullNumber: number | undefined
  /** Label names from the event; undefined: read them from the API. */
  labels: string[] | undefined
  client?: ClientType
}

async function currentLabels(octokit: ClientType, options: OverrideOptions): Promise<string[]> {
  if (options.labels !== undefined) return options.labels
  const { data } = await octokit.rest.issues.get({
    owner: options.owner,
    repo: options.repo,
    issue_number: options.pullNumber ?? 0
  })
  // Defensive: a missing list must read as "no label", never as a crash that hides the gate.
  const labels: unknown[] = Array.isArray(data.labels) ? data.labels : []
  return labels.map((label) =>
    typeof label === 'string' ? label : String((label as { name?: unknown }).name ?? '')
  )
}

/**
 * The report, with a failing verdict turned into a recorded warning when a trusted maintainer
 * applied the override label. Anything else (no label, untrusted labeller, API error) returns the
 * report unchanged, with a warning when the label was there but did not count.
 */
export async function applyOverrideLabel(
  report: Report,
  options: OverrideOptions
): Promise<Report> {
  if (report.verdict !== 'fail' || options.label === '' || options.pullNumber === undefined) {
    return report
  }
  if (options.labels !== undefined && !carriesLabel(options.labels, options.label)) return report
  if (!options.token) {
    core.warning(`The override label "${options.label}" could not be checked: no github-token.`)
    return report
  }
  const octokit = options.client ?? createClient(options.token)
  try {
    if (!carriesLabel(await currentLabels(octokit, options), options.label)) return report
    const result = await resolveApproval(octokit, {
      owner: options.owner,
      repo: options.repo,
      issueNumber: options.pullNumber,
      label: options.label
    })
    if (result.approval === undefined) {
      core.warning(
        `The pull request carries the override label "${options.label}", but ${result.reason}: the verdict stays FAIL.`
      )
      return report
    }
    core.info(
      `Override label "${options.label}" applied by @${result.approval.login} (${result.approval.role}).`
    )
    return applyApproval(report, result.approval)
  } catch (error) {
    core.warning(
      `${describeGitHubError(error, `check who applied the override label "${options.label}"`)} The verdict stays FAIL.`
    )
    return report
  }
}

export interface EventOverrideOptions {
  token: string
  label: string
  /** The `pull-request-number` input, or the event's number. */
  pullNumber: number | undefined
  context?: EventContext
  client?: ClientType
}

/** applyOverrideLabel for the pull request of the current event (labels from the event). */
export async function applyOverrideFromEvent(
  report: Report,
  options: EventOverrideOptions
): Promise<Report> {
  const context = options.context ?? actionsContext()
  const target = context !== undefined ? pullRequestTarget(context, options.pullNumber) : undefined
  if (target === undefined) return report
  return applyOverrideLabel(report, {
    token: options.token,
    label: options.label,
    owner: target.owner,
    repo: target.repo,
    pullNumber: target.number,
    labels: target.labels,
    client: options.client
  })
}
