/**
 * The maintainer override: a PR label that turns a failing verdict into a recorded warning. Only
 * a label applied by someone with write access counts, because anyone who can triage (or a bot)
 * could otherwise approve their own poisoned data. Pure: the events and the permission are read
 * by approval.ts.
 */
import type { Report } from '../types.js'

export const DEFAULT_OVERRIDE_LABEL = 'dataset-gate: approved'

export interface LabelEvent {
  event: string
  created_at: string
  actor?: { login: string } | null
  label?: { name: string } | null
}

export interface Labelling {
  login: string
  appliedAt: string
}

export interface Approval extends Labelling {
  label: string
  /** The role that made the label count (admin, maintain or write). */
  role: string
}

function sameLabel(a: string, b: string): boolean {
  // GitHub label names are unique regardless of case.
  return a.toLowerCase() === b.toLowerCase()
}

export function carriesLabel(labels: string[], label: string): boolean {
  return labels.some((name) => sameLabel(name, label))
}

/** Who applied the label most recently, if it is still applied by then. */
export function latestLabelling(events: LabelEvent[], label: string): Labelling | undefined {
  let latest: LabelEvent | undefined
  for (const event of events) {
    if (event.label == null || !sameLabel(event.label.name, label)) continue
    if (event.event !== 'labeled' && event.event !== 'unlabeled') continue
    if (latest === undefined || Date.parse(event.created_at) >= Date.parse(latest.created_at)) {
      latest = event
    }
  }
  if (latest === undefined || latest.event !== 'labeled' || latest.actor == null) return undefined
  return { login: latest.actor.login, appliedAt: latest.created_at }
}

export interface PermissionLevel {
  permission: string
  role_name?: string
}

const TRUSTED_ROLES = new Set(['admin', 'maintain', 'write'])

/** The role that makes a labeller trusted, or undefined. */
export function trustedRole(level: PermissionLevel): string | undefined {
  if (level.role_name !== undefined && TRUSTED_ROLES.has(level.role_name)) return level.role_name
  // `permission` maps maintain to write and custom roles to their base role.
  if (TRUSTED_ROLES.has(level.permission)) return level.permission
  return undefined
}

/**
 * A failing verdict becomes a warning with a note saying who approved it and when; the findings
 * and their severities stay as they are, so the report still shows what was found.
 */
export function applyApproval(report: Report, approval: Approval): Report {
  if (report.verdict !== 'fail') return report
  const note = `Approved by @${approval.login} (${approval.role}) with the label "${approval.label}" on ${formatTime(approval.appliedAt)}: the failing findings are reported as a warning and do not fail the check.`
  return { ...report, verdict: 'warn', notes: [...(report.notes ?? []), note] }
}

function formatTime(iso: string): string {
  const time = Date.parse(iso)
  if (Number.isNaN(time)) return iso
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}
