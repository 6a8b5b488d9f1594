import { readFile } from 'node:fs/promises'
import { parseDocument } from 'yaml'
import { yamlNestingProblem } from '../limits.js'
import type { z } from 'zod'
import { UserError } from '../errors.js'
import { readBlobText } from '../git/blob.js'
import { policySchema, type Policy } from './schema.js'

export const DEFAULT_POLICY_PATH = '.github/dataset-gate.yml'

export interface LoadedPolicy {
  policy: Policy
  /** Where it came from, for messages: "main:.github/dataset-gate.yml", a local path, or "defaults". */
  source: string
}

/** The policy as the base branch has it: a pull request cannot loosen the gate that judges it. */
export async function loadPolicyFromRef(
  repo: string,
  ref: string,
  refName: string,
  path = DEFAULT_POLICY_PATH
): Promise<LoadedPolicy> {
  const text = await readBlobText(repo, ref, path)
  if (text === null) return { policy: policySchema.parse({}), source: 'defaults' }
  const source = `${refName}:${path}`
  return { policy: parsePolicy(text, source), source }
}

export async function loadPolicyFromFile(path: string): Promise<LoadedPolicy> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new UserError(
      `cannot read policy file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`
    )
  }
  return { policy: parsePolicy(text, path), source: path }
}

/** Parses and validates policy YAML; every mistake names the file, the line or key, and the fix. */
export function parsePolicy(text: string, source: string): Policy {
  const nesting = yamlNestingProblem(text)
  if (nesting)
    throw new UserError(
      `invalid policy file ${source}: ${nesting}`,
      'a policy is a few levels deep; see docs/POLICY.md'
    )
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true })
  if (document.errors.length) {
    const first = document.errors[0]
    const line = first.linePos?.[0]?.line
    throw new UserError(
      `invalid policy file ${source}${line ? ` (line ${line})` : ''}: ${first.message.split('\n')[0]}`,
      'fix the YAML syntax; see docs/POLICY.md'
    )
  }
  const raw: unknown = document.toJS() ?? {}
  const result = policySchema.safeParse(raw)
  if (!result.success)
    throw new UserError(
      `invalid policy file ${source}: ${describeIssues(result.error.issues)}`,
      'see docs/POLICY.md for every key and its allowed values'
    )
  return result.data
}

function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .flatMap(unwrapUnion)
    .slice(0, 5)
    .map((issue) => {
      const key = issue.path.map(String).join('.') || '(top level)'
      if (issue.code === 'unrecognized_keys')
        return `${key === '(top level)' ? '' : key + ': '}unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}`
      return `${key}: ${issue.message}`
    })
    .join('; ')
}

/**
 * A check's settings are "a severity, or an object of options": when both fail, the object's
 * complaint (the key that is wrong) helps, "invalid input" does not.
 */
function unwrapUnion(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue]
  // The branch that failed on the value's content, not on its type, says what is wrong.
  const wrongType = (errors: z.core.$ZodIssue[]): boolean =>
    errors.every((inner) => inner.code === 'invalid_type' && inner.path.length === 0)
  const branch =
    issue.errors.find((errors) => errors.some((inner) => inner.path.length > 0)) ??
    issue.errors.find((errors) => !wrongType(errors)) ??
    issue.errors[0]
  return branch.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }))
}
