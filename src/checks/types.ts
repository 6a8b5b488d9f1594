import { z } from 'zod'
import type { Analysis } from '../analysis/types.js'
import type { Finding, Severity } from '../types.js'

/** `off` disables a check; the others become the severity of what it finds. */
export const severitySetting = z.enum(['fail', 'warn', 'notice', 'off'])
export type SeveritySetting = z.infer<typeof severitySetting>

/** Context beyond the file itself: other files of the repository a check compares against. */
export interface RepositoryContext {
  /** Rows of evaluation/test files (policy `eval-files`), for contamination checks. */
  evalRows: ReferenceRows | null
  /** Rows of files the policy marks unverified (raw user data), for isolation checks. */
  unverifiedRows: ReferenceRows | null
}

export interface ReferenceRows {
  /** The files indexed. */
  paths: string[]
  /** normalised text hash -> "path:line" where it appears */
  exact: Map<string, string>
  /** near-duplicate lookup: returns "path:line" of a similar row, or null */
  near(text: string): string | null
}

/**
 * Every check has the same face: an id, a title, a paragraph a reviewer can read, its options
 * (a zod object whose defaults are the documented defaults) and a pure `run`.
 */
/** Options as a check receives them: never `off` (an off check is not run). */
export type Active<Options> = Omit<Options, 'severity'> & { severity: Severity }

export interface Check<
  Options extends { severity: SeveritySetting } = { severity: SeveritySetting }
> {
  id: string
  title: string
  explanation: string
  options: z.ZodType<Options>
  run(analysis: Analysis, options: Active<Options>, repository: RepositoryContext): Finding[]
}

export function defineCheck<
  Shape extends z.ZodRawShape & { severity: z.ZodDefault<typeof severitySetting> }
>(check: {
  id: string
  title: string
  explanation: string
  options: Shape
  run(
    analysis: Analysis,
    options: Active<z.infer<z.ZodObject<Shape>>>,
    repository: RepositoryContext
  ): Finding[]
}): Check {
  const schema = z.object(check.options).strict()
  return { ...check, options: schema } as unknown as Check
}
