/**
 * Findings as workflow-command annotations (`::error file=…,line=…::…`), the same lines
 * core.error/warning/notice print, rendered here so every untrusted piece is escaped once and on
 * purpose. GitHub shows at most 10 annotations of each level per step and drops the rest
 * silently, so rows are capped, most severe first, and one notice says how many were left out.
 */
import type { FileReport, Finding, Report, Severity } from '../types.js'
import { escapeTerminal, escapeWorkflowCommand, escapeWorkflowCommandProperty } from './escape.js'
import { bySeverity, plural } from './format.js'

export type AnnotationLevel = 'error' | 'warning' | 'notice'

export const LEVEL_OF: Record<Severity, AnnotationLevel> = {
  fail: 'error',
  warn: 'warning',
  notice: 'notice'
}

export type AnnotationLimits = Record<AnnotationLevel, number>

/** What GitHub shows per step. */
export const STEP_ANNOTATION_LIMITS: AnnotationLimits = { error: 10, warning: 10, notice: 10 }

/**
 * Left for the step's own messages: the failure (setFailed is an error), a verdict or publishing
 * warning, and the notice that counts what was left out.
 */
export const RESERVED_FOR_STEP: AnnotationLimits = { error: 1, warning: 2, notice: 1 }

export interface Annotation {
  level: AnnotationLevel
  file: string
  line?: number
  title: string
  message: string
}

export interface AnnotationOptions {
  limits?: AnnotationLimits
  reserved?: AnnotationLimits
}

/** One annotation per flagged row with a line; one per finding for the rest. Most severe first. */
export function findingAnnotations(report: Report): Annotation[] {
  const annotations: Annotation[] = []
  const entries = report.files.flatMap((file) =>
    file.findings.map((finding) => ({ file, finding }))
  )
  const order = bySeverity(entries.map(({ finding }) => finding))
  const fileOf = new Map<Finding, FileReport>(entries.map(({ file, finding }) => [finding, file]))
  for (const finding of order) {
    const file = fileOf.get(finding)
    if (file === undefined) continue
    const level = LEVEL_OF[finding.severity]
    const title = `Dataset Gate: ${escapeTerminal(finding.title, { maxLength: 120 })}`
    const lined = finding.rows.filter((row) => row.line !== undefined)
    for (const row of lined) {
      const why = row.reason !== undefined && row.reason !== '' ? row.reason : finding.message
      annotations.push({
        level,
        file: file.path,
        line: row.line,
        title,
        message: `${escapeTerminal(why, { maxLength: 300 })} — row: ${escapeTerminal(row.excerpt, { maxLength: 200 })}`
      })
    }
    if (lined.length === 0 || lined.length < finding.rows.length) {
      const unlined = finding.rows.length - lined.length
      const rows =
        unlined > 0 && lined.length > 0 ? ` (${plural(unlined, 'more row')} without a line)` : ''
      annotations.push({
        level,
        file: file.path,
        title,
        message: `${escapeTerminal(finding.message, { maxLength: 500 })}${rows}`
      })
    }
  }
  return annotations
}

/** The workflow command for one annotation. */
export function annotationCommand(annotation: Annotation): string {
  const properties = [`file=${escapeWorkflowCommandProperty(annotation.file)}`]
  if (annotation.line !== undefined) properties.push(`line=${annotation.line}`)
  properties.push(`title=${escapeWorkflowCommandProperty(annotation.title)}`)
  return `::${annotation.level} ${properties.join(',')}::${escapeWorkflowCommand(annotation.message)}`
}

/** Capped workflow commands, plus one notice counting what did not fit (when anything did not). */
export function renderAnnotations(report: Report, options: AnnotationOptions = {}): string[] {
  const limits = options.limits ?? STEP_ANNOTATION_LIMITS
  const reserved = options.reserved ?? RESERVED_FOR_STEP
  const room: AnnotationLimits = {
    error: Math.max(0, limits.error - reserved.error),
    warning: Math.max(0, limits.warning - reserved.warning),
    notice: Math.max(0, limits.notice - reserved.notice)
  }
  const shown: string[] = []
  const hidden: AnnotationLimits = { error: 0, warning: 0, notice: 0 }
  for (const annotation of findingAnnotations(report)) {
    if (room[annotation.level] > 0) {
      room[annotation.level] -= 1
      shown.push(annotationCommand(annotation))
    } else {
      hidden[annotation.level] += 1
    }
  }
  const total = hidden.error + hidden.warning + hidden.notice
  if (total > 0) {
    const parts = [
      hidden.error > 0 ? plural(hidden.error, 'error') : '',
      hidden.warning > 0 ? plural(hidden.warning, 'warning') : '',
      hidden.notice > 0 ? plural(hidden.notice, 'notice') : ''
    ].filter((part) => part !== '')
    const message = `${plural(total, 'more annotation')} not shown (${parts.join(', ')}): GitHub shows at most ${limits.error} of each kind per step. The job summary and the JSON report list every row.`
    shown.push(`::notice title=Dataset Gate::${escapeWorkflowCommand(message)}`)
  }
  return shown
}
