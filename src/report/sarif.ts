/**
 * SARIF 2.1.0 for code scanning: one rule per check id, one result per flagged row (or one per
 * finding without rows), located at the head file's line where the row starts. Messages are
 * plain text: untrusted text keeps visible markers for hidden characters and escapes `[`/`]`
 * so a row cannot forge SARIF embedded links.
 */
import type { FileReport, Finding, FindingRow, Report, Severity } from '../types.js'
import { visibleString } from './visible.js'

export type SarifLevel = 'error' | 'warning' | 'note'

export interface SarifMessage {
  text: string
}

export interface SarifRule {
  id: string
  name: string
  shortDescription: SarifMessage
  fullDescription: SarifMessage
  help: SarifMessage
  defaultConfiguration: { level: SarifLevel }
  properties: { tags: string[] }
}

export interface SarifResult {
  ruleId: string
  ruleIndex: number
  level: SarifLevel
  message: SarifMessage
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: string }
      region?: { startLine: number }
    }
  }[]
  partialFingerprints?: Record<string, string>
}

export interface SarifLog {
  $schema: string
  version: '2.1.0'
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } }
    results: SarifResult[]
    properties?: { truncated: boolean; omittedResults: number }
  }[]
}

export interface SarifOptions {
  toolVersion: string
  informationUri: string
  /** GitHub code scanning accepts at most 25,000 results per run. */
  maxResults?: number
}

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json'

const LEVEL: Record<Severity, SarifLevel> = { fail: 'error', warn: 'warning', notice: 'note' }
const EXCERPT_LENGTH = 120
const FINGERPRINT_KEY = 'datasetGateRowHash/v1'

/** Plain-text SARIF message: hidden characters shown, embedded-link brackets escaped. */
export function sarifText(text: string, maxLength?: number): string {
  return visibleString(text, maxLength)
    .replace(/\\(?=[[\]])/g, '\\\\')
    .replace(/[[\]]/g, '\\$&')
}

/** A relative URI reference for a repository path: each segment percent-encoded. */
export function pathToUri(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/')
}

function ruleName(check: string): string {
  return check
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('')
}

function buildRule(finding: Finding): SarifRule {
  const title = sarifText(finding.title, 200)
  const explanation = sarifText(finding.explanation ?? finding.title, 4000)
  return {
    id: finding.check,
    name: ruleName(finding.check) || 'DatasetGateCheck',
    shortDescription: { text: title },
    fullDescription: { text: explanation },
    help: { text: explanation },
    defaultConfiguration: { level: LEVEL[finding.severity] },
    properties: { tags: ['dataset', 'data-poisoning'] }
  }
}

function rowMessage(finding: Finding, row: FindingRow | undefined): string {
  const base = sarifText(finding.message, 500)
  if (row === undefined) return base
  const where = row.line === undefined ? ` (row ${row.row})` : ''
  const reason = row.reason ? ` Reason: ${sarifText(row.reason, 200)}.` : ''
  return `${base}${where} Row: "${sarifText(row.excerpt, EXCERPT_LENGTH)}".${reason}`
}

function buildResult(
  file: FileReport,
  finding: Finding,
  ruleIndex: number,
  row: FindingRow | undefined
): SarifResult {
  const region = row?.line !== undefined ? { region: { startLine: row.line } } : {}
  const result: SarifResult = {
    ruleId: finding.check,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: rowMessage(finding, row) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: pathToUri(file.path), uriBaseId: '%SRCROOT%' },
          ...region
        }
      }
    ]
  }
  if (row?.hash !== undefined && row.hash !== '') {
    result.partialFingerprints = { [FINGERPRINT_KEY]: `${finding.check}:${row.hash}` }
  }
  return result
}

export function renderSarif(report: Report, options: SarifOptions): SarifLog {
  const maxResults = options.maxResults ?? 25000
  const rules: SarifRule[] = []
  const ruleIndex = new Map<string, number>()
  const results: SarifResult[] = []
  let omitted = 0
  for (const file of report.files) {
    for (const finding of file.findings) {
      let index = ruleIndex.get(finding.check)
      if (index === undefined) {
        index = rules.length
        ruleIndex.set(finding.check, index)
        rules.push(buildRule(finding))
      }
      const rows: (FindingRow | undefined)[] = finding.rows.length > 0 ? finding.rows : [undefined]
      for (const row of rows) {
        if (results.length >= maxResults) {
          omitted += 1
          continue
        }
        results.push(buildResult(file, finding, index, row))
      }
    }
  }
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: options.toolVersion,
            informationUri: options.informationUri,
            rules
          }
        },
        results,
        ...(omitted > 0 ? { properties: { truncated: true, omittedResults: omitted } } : {})
      }
    ]
  }
}
