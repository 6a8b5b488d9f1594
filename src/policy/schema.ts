import { z } from 'zod'
import { checks } from '../checks/index.js'
import { severitySetting, type Check, type SeveritySetting } from '../checks/types.js'

/** Dataset files are found by these globs when the policy does not say otherwise. */
export const DEFAULT_DATASET_GLOBS = [
  '**/*.jsonl',
  '**/*.ndjson',
  '**/*.csv',
  '**/*.tsv',
  '**/*.json',
  '**/*.parquet',
  '**/*.jsonl.gz',
  '**/*.ndjson.gz',
  '**/*.csv.gz',
  '**/*.tsv.gz'
]

/**
 * JSON files that are configuration, not data: without these, a PR touching package.json would be
 * judged as a dataset. Setting `exclude` replaces the list.
 */
export const DEFAULT_EXCLUDE_GLOBS = [
  '**/node_modules/**',
  '.github/**',
  '**/.vscode/**',
  '**/package.json',
  '**/package-lock.json',
  '**/tsconfig*.json',
  '**/*.schema.json',
  '**/composer.json',
  '**/.*rc.json'
]

/**
 * Evaluation and test files by their usual names, matched on word boundaries so that
 * `latest.jsonl` or `invalid_rows.csv` are not taken for test data.
 */
export const DEFAULT_EVAL_GLOBS = [
  '**/test.*',
  '**/test[-_.]*',
  '**/*[-_.]test.*',
  '**/*[-_.]test[-_.]*',
  '**/test/**',
  '**/tests/**',
  '**/eval.*',
  '**/eval[-_.]*',
  '**/*[-_.]eval.*',
  '**/*[-_.]eval[-_.]*',
  '**/eval/**',
  '**/evals/**',
  '**/evaluation/**',
  '**/valid.*',
  '**/validation.*',
  '**/*[-_.]valid.*',
  '**/*[-_.]validation.*',
  '**/*[-_.]validation[-_.]*',
  '**/benchmark*/**',
  '**/*[-_.]benchmark.*'
]

const fileSettings = z
  .object({
    path: z.string().describe('Glob of the files these settings apply to (first match wins).'),
    format: z
      .enum(['jsonl', 'csv', 'tsv', 'json', 'parquet'])
      .optional()
      .describe('Force the format instead of guessing it from the extension.'),
    'text-columns': z
      .array(z.string())
      .min(1)
      .optional()
      .describe('Columns holding the text the model reads.'),
    'output-columns': z
      .array(z.string())
      .min(1)
      .optional()
      .describe('Columns holding the response the model learns to produce.'),
    'label-column': z.string().optional().describe('Column holding the class label.'),
    'key-column': z
      .string()
      .optional()
      .describe(
        'Column that identifies a row across versions; rows with the same key and new content are reported as modified.'
      )
  })
  .strict()

/** A check's options schema with the input type the union needs (the registry erases it). */
function optionsOf(
  check: Check
): z.ZodType<{ severity: SeveritySetting }, { severity: SeveritySetting }> {
  return check.options as unknown as z.ZodType<
    { severity: SeveritySetting },
    { severity: SeveritySetting }
  >
}

const checkSettings = Object.fromEntries(
  checks.map((check) => [
    check.id,
    // A bare severity (`volume.rows: warn`) is short for `{ severity: warn }`; a union rather than
    // a preprocess step, so the exported JSON Schema accepts the short form too.
    z
      .union([
        severitySetting.transform((severity) => ({ severity })).pipe(optionsOf(check)),
        optionsOf(check)
      ])
      .optional()
      .describe(check.title)
  ])
)

export const policySchema = z
  .object({
    datasets: z
      .array(z.string())
      .min(1)
      .default(DEFAULT_DATASET_GLOBS)
      .describe('Globs of the files treated as datasets.'),
    exclude: z
      .array(z.string())
      .default(DEFAULT_EXCLUDE_GLOBS)
      .describe('Globs of files never treated as datasets.'),
    'warn-only': z
      .boolean()
      .default(false)
      .describe('Report failures as warnings: the check never fails.'),
    'fail-on': z
      .enum(['fail', 'warn'])
      .default('fail')
      .describe('Lowest finding severity that fails the check.'),
    files: z
      .array(fileSettings)
      .default([])
      .describe('Per-glob settings: format and column roles.'),
    'eval-files': z
      .array(z.string())
      .default(DEFAULT_EVAL_GLOBS)
      .describe('Evaluation/test files: added training rows must not copy their rows.'),
    'unverified-files': z
      .array(z.string())
      .default([])
      .describe(
        'Files of unverified origin (raw user data): their rows must not flow into the other datasets.'
      ),
    limits: z
      .object({
        'max-file-bytes': z
          .number()
          .int()
          .positive()
          .default(2 * 1024 ** 3)
          .describe('Larger dataset files are not read; a finding says so.'),
        'max-rows': z
          .number()
          .int()
          .positive()
          .default(50_000_000)
          .describe(
            'Rows read per file version at most; a finding says when the limit cut the analysis.'
          ),
        'max-row-bytes': z
          .number()
          .int()
          .positive()
          .default(8 * 1024 ** 2)
          .describe(
            'Rows larger than this (the UTF-8 size of their keys and values) are not analysed; a finding lists them.'
          ),
        'time-budget-seconds': z
          .number()
          .positive()
          .default(1800)
          .describe(
            'Time the whole run may take; files not analysed when it runs out get a finding, and the run ends normally.'
          ),
        severity: z
          .enum(['fail', 'warn', 'notice'])
          .default('fail')
          .describe(
            'Severity of the findings saying a limit cut or prevented the analysis (never off: a cut analysis is not a silent pass).'
          )
      })
      .strict()
      .prefault({}),
    provenance: z
      .object({
        manifest: z
          .string()
          .min(1)
          .default('datasets.yml')
          .describe(
            "Path of the provenance manifest (path, source, license, sha256 of each dataset file), read from the pull request's head."
          ),
        required: z
          .boolean()
          .default(false)
          .describe(
            'Every added or changed dataset file must have a manifest entry whose sha256 matches its content.'
          )
      })
      .strict()
      .prefault({})
      .describe('Provenance manifest of the dataset files.'),
    checks: z
      .object(checkSettings)
      .strict()
      .prefault({})
      .describe('Per-check severity (fail, warn, notice, off) and thresholds.')
  })
  .strict()

export type Policy = z.infer<typeof policySchema>
export type FileSettings = z.infer<typeof fileSettings>

export function defaultPolicy(): Policy {
  return policySchema.parse({})
}

/** The JSON Schema of the policy file, for editors (`dataset-gate.schema.json`). */
export function policyJsonSchema(): unknown {
  return z.toJSONSchema(policySchema, { io: 'input', unrepresentable: 'any' })
}
