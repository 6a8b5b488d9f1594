/**
 * A JSON report written by an earlier run, for the `report-file` input (the publishing half of the
 * workflow_run pattern). The file comes from an artifact that pull-request code could have
 * written, so it is validated like any untrusted input before anything is rendered from it; the
 * renderers escape its text as they do for every report.
 */
import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { UserError } from '../errors.js'
import type { Report } from '../types.js'

const count = z.number().int().min(0)
const severity = z.enum(['fail', 'warn', 'notice'])

const findingRow = z.strictObject({
  line: z.number().int().min(1).optional(),
  row: z.number().int().min(0),
  excerpt: z.string(),
  reason: z.string().optional(),
  hash: z.string().optional()
})

const finding = z.strictObject({
  check: z.string().regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/),
  severity,
  title: z.string(),
  message: z.string(),
  value: z.number().optional(),
  threshold: z.number().optional(),
  rows: z.array(findingRow),
  explanation: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional()
})

const fileReport = z.strictObject({
  path: z.string().min(1),
  previousPath: z.string().nullable(),
  status: z.enum(['added', 'modified', 'deleted', 'renamed']),
  format: z.enum(['jsonl', 'csv', 'tsv', 'json', 'parquet']).nullable(),
  rows: z.strictObject({
    base: count,
    head: count,
    added: count,
    removed: count,
    modified: count.optional()
  }),
  findings: z.array(finding)
})

const reportSchema = z.strictObject({
  schemaVersion: z.literal(1),
  tool: z.strictObject({ name: z.literal('dataset-gate'), version: z.string() }),
  base: z.string(),
  head: z.string(),
  verdict: z.enum(['pass', 'warn', 'fail']),
  summary: z.strictObject({ files: count, failures: count, warnings: count }),
  files: z.array(fileReport),
  notes: z.array(z.string()).optional()
})

/** Also what a shard's partial state holds (src/shard/partial.ts). */
export { finding as findingSchema, fileReport as fileReportSchema }

export function parseReport(text: string, source: string): Report {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new UserError(
      `${source} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      'Pass the file the analysing run wrote (its `report` output), downloaded unchanged.'
    )
  }
  const parsed = reportSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue.path.length > 0 ? ` at ${issue.path.join('.')}` : ''
    throw new UserError(
      `${source} is not a Dataset Gate report (schemaVersion 1): ${issue.message}${where}`,
      'Pass the JSON report of a Dataset Gate run of the same major version.'
    )
  }
  return parsed.data as Report
}

export async function readReportFile(path: string): Promise<Report> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new UserError(
      `Cannot read the report file ${path}: ${error instanceof Error ? error.message : String(error)}`,
      'Download the artifact with the report before this step and pass its path in `report-file`.'
    )
  }
  return parseReport(text, path)
}
