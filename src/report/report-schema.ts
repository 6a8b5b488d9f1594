/**
 * JSON Schema (draft-07) of the JSON report, schemaVersion 1. Closed objects
 * (`additionalProperties: false`): a key outside the contract and its documented extensions is a
 * bug, and consumers can validate with any draft-07 validator.
 */

const severity = { enum: ['fail', 'warn', 'notice'] } as const
const count = { type: 'integer', minimum: 0 } as const

const findingRow = {
  type: 'object',
  required: ['row', 'excerpt'],
  additionalProperties: false,
  properties: {
    line: { type: 'integer', minimum: 1, description: '1-based line in the head file' },
    row: { type: 'integer', minimum: 0, description: '0-based data-row index in the head file' },
    excerpt: { type: 'string' },
    reason: { type: 'string' },
    hash: { type: 'string' }
  }
} as const

const finding = {
  type: 'object',
  required: ['check', 'severity', 'title', 'message', 'rows'],
  additionalProperties: false,
  properties: {
    check: { type: 'string', pattern: '^[a-z0-9]+(?:[._-][a-z0-9]+)*$' },
    severity,
    title: { type: 'string' },
    message: { type: 'string' },
    value: { type: 'number' },
    threshold: { type: 'number' },
    rows: { type: 'array', items: findingRow },
    explanation: { type: 'string' },
    details: { type: 'object' }
  }
} as const

const fileReport = {
  type: 'object',
  required: ['path', 'previousPath', 'status', 'format', 'rows', 'findings'],
  additionalProperties: false,
  properties: {
    path: { type: 'string', minLength: 1 },
    previousPath: { type: ['string', 'null'] },
    status: { enum: ['added', 'modified', 'deleted', 'renamed'] },
    format: { enum: ['jsonl', 'csv', 'tsv', 'json', 'parquet', null] },
    rows: {
      type: 'object',
      required: ['base', 'head', 'added', 'removed'],
      additionalProperties: false,
      properties: { base: count, head: count, added: count, removed: count, modified: count }
    },
    findings: { type: 'array', items: finding }
  }
} as const

export const reportSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'urn:dataset-gate:report:v1',
  title: 'Dataset Gate report',
  type: 'object',
  required: ['schemaVersion', 'tool', 'base', 'head', 'verdict', 'summary', 'files'],
  additionalProperties: false,
  properties: {
    schemaVersion: { const: 1 },
    tool: {
      type: 'object',
      required: ['name', 'version'],
      additionalProperties: false,
      properties: { name: { const: 'dataset-gate' }, version: { type: 'string' } }
    },
    base: { type: 'string' },
    head: { type: 'string' },
    verdict: { enum: ['pass', 'warn', 'fail'] },
    summary: {
      type: 'object',
      required: ['files', 'failures', 'warnings'],
      additionalProperties: false,
      properties: { files: count, failures: count, warnings: count }
    },
    files: { type: 'array', items: fileReport },
    notes: { type: 'array', items: { type: 'string' } }
  }
} as const
