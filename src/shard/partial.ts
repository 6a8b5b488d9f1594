/**
 * The partial state one shard writes (`check --shard i/n --partial FILE`) and `merge` reads back.
 * It holds the shard's finished file reports, as the JSON report would show them, plus what the
 * merge needs to rebuild the one report a single run gives: the run's identity (tool version,
 * commits, policy fingerprint, shard count), the plan (every changed dataset file in run order with
 * its shard), the files the time budget left out, and — from shard 1 only — the parts computed
 * across files (the note on a policy change, provenance findings and notes).
 *
 * A partial file may have travelled through artifacts a pull request's code could touch, so it is
 * read as untrusted input: validated against a strict schema before anything is taken from it.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { UserError } from '../errors.js'
import { fileReportSchema, findingSchema } from '../github/report-file.js'
import type { Policy } from '../policy/schema.js'
import { buildReport, serializeReport } from '../report/json.js'
import type { FileReport, Finding } from '../types.js'

export const PARTIAL_KIND = 'dataset-gate-partial'
export const PARTIAL_VERSION = 1

export interface PartialPolicy {
  /** `sha256:` of the policy's canonical JSON (defaults applied) and the path it governs from. */
  fingerprint: string
  /** Where the policy came from (`main:.github/dataset-gate.yml`, `built-in defaults`, a file). */
  source: string
  /** The policy's `warn-only` and `fail-on`; `merge --warn-only/--fail-on` override them. */
  warnOnly: boolean
  failOn: 'fail' | 'warn'
  timeBudgetSeconds: number
}

/** What the run computes across files; shard 1 computes it, the other shards leave it null. */
export interface RunLevelState {
  /** Notes that come before the time-budget note (the policy-change note). */
  notes: string[]
  /** Provenance of all the run's dataset files; null when there is nothing to check. */
  provenance: { findings: { path: string; findings: Finding[] }[]; notes: string[] } | null
}

export interface PartialState {
  kind: typeof PARTIAL_KIND
  partialVersion: typeof PARTIAL_VERSION
  tool: { name: 'dataset-gate'; version: string }
  base: string
  head: string
  policy: PartialPolicy
  shard: { index: number; count: number }
  /** Every changed dataset file of the run, in run order, with the shard that analyses it. */
  plan: { path: string; shard: number }[]
  /** This shard's file reports, in plan order, without the provenance findings (merge adds them). */
  files: FileReport[]
  /** Files of this shard the time budget left unanalysed (they are in `files`, with a finding). */
  skipped: number
  run: RunLevelState | null
}

const count = z.number().int().min(0)

const partialSchema = z.strictObject({
  kind: z.literal(PARTIAL_KIND),
  partialVersion: z.literal(PARTIAL_VERSION),
  tool: z.strictObject({ name: z.literal('dataset-gate'), version: z.string().min(1) }),
  base: z.string().regex(/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/),
  head: z.string().regex(/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/),
  policy: z.strictObject({
    fingerprint: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    source: z.string(),
    warnOnly: z.boolean(),
    failOn: z.enum(['fail', 'warn']),
    timeBudgetSeconds: z.number().min(0)
  }),
  shard: z.strictObject({ index: z.number().int().min(1), count: z.number().int().min(1) }),
  plan: z.array(z.strictObject({ path: z.string().min(1), shard: z.number().int().min(1) })),
  files: z.array(fileReportSchema),
  skipped: count,
  run: z
    .strictObject({
      notes: z.array(z.string()),
      provenance: z
        .strictObject({
          findings: z.array(
            z.strictObject({ path: z.string().min(1), findings: z.array(findingSchema) })
          ),
          notes: z.array(z.string())
        })
        .nullable()
    })
    .nullable()
})

/**
 * The shard's reports and findings exactly as the JSON report would write them (contract key
 * order, evidence made plain JSON), so that the merge starts from what a single run serialises.
 */
export function normalizeFiles(files: FileReport[]): FileReport[] {
  const report = buildReport({ toolVersion: '', base: '', head: '', files })
  return (JSON.parse(serializeReport(report)) as { files: FileReport[] }).files
}

export function normalizeFindings(findings: Finding[]): Finding[] {
  const [file] = normalizeFiles([
    {
      path: '-',
      previousPath: null,
      status: 'modified',
      format: null,
      rows: { base: 0, head: 0, added: 0, removed: 0 },
      findings
    }
  ])
  return file.findings
}

export function serializePartial(state: PartialState): string {
  return `${JSON.stringify(state)}\n`
}

/** Parses a partial state; anything else is a UserError naming `source`. */
export function parsePartial(text: string, source: string): PartialState {
  const hint =
    'Pass the files `dataset-gate check --shard i/n --partial FILE` wrote, downloaded unchanged.'
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new UserError(
      `${source} is not a Dataset Gate partial state: it is not JSON (${error instanceof Error ? error.message : String(error)})`,
      hint
    )
  }
  const kind = (json as { kind?: unknown } | null)?.kind
  const version = (json as { partialVersion?: unknown } | null)?.partialVersion
  if (kind === PARTIAL_KIND && typeof version === 'number' && version !== PARTIAL_VERSION) {
    throw new UserError(
      `${source} is a partial state of format version ${version}; this dataset-gate reads version ${PARTIAL_VERSION}`,
      'Run every shard and the merge with the same dataset-gate version.'
    )
  }
  const parsed = partialSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue.path.length > 0 ? ` at ${issue.path.join('.')}` : ''
    throw new UserError(
      `${source} is not a Dataset Gate partial state: ${issue.message}${where}`,
      hint
    )
  }
  return parsed.data as PartialState
}

export async function readPartialFile(path: string): Promise<PartialState> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new UserError(
      `cannot read the partial state ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`
    )
  }
  return parsePartial(text, path)
}

/**
 * Two shards judged by the same policy have the same fingerprint, wherever it was read from: the
 * policy as validated (defaults filled in), in canonical JSON, with the path of the policy file.
 */
export function policyFingerprint(policy: Policy, policyPath: string): string {
  const text = JSON.stringify(canonical({ policyPath, policy }))
  return `sha256:${createHash('sha256').update(text).digest('hex')}`
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => canonical(item ?? null))
  if (value === null || typeof value !== 'object') return value
  const result: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key]
    if (item !== undefined && typeof item !== 'function') result[key] = canonical(item)
  }
  return result
}
