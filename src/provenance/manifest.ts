/**
 * The provenance manifest: where each dataset file comes from, under which license, and the
 * SHA-256 of the content that was vetted. It is read from the pull request's head, so it is
 * untrusted input: parsing never throws, it returns what is wrong.
 */
import { parseDocument } from 'yaml'
import { z } from 'zod'
import { yamlNestingProblem } from '../limits.js'

const entrySchema = z
  .object({
    path: z.string().min(1),
    source: z.string().min(1),
    license: z.string().min(1),
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal digits')
      .transform((hex) => hex.toLowerCase())
  })
  // Manifests often carry more (description, version, contact); those keys are kept out of the way.
  .loose()

const manifestSchema = z.object({ datasets: z.array(entrySchema) }).loose()

export type ManifestEntry = z.infer<typeof entrySchema>

export type ManifestResult =
  { ok: true; entries: Map<string, ManifestEntry> } | { ok: false; error: string }

/** Aliases expand a small document into a huge one; a manifest has no use for many. */
const MAX_ALIASES = 50

export function parseManifest(text: string): ManifestResult {
  const tooDeep = yamlNestingProblem(text)
  if (tooDeep) return { ok: false, error: `not read: ${tooDeep}` }
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false })
  if (document.errors.length) {
    const first = document.errors[0]
    const line = first.linePos?.[0]?.line
    return {
      ok: false,
      error: `invalid YAML${line ? ` at line ${line}` : ''}: ${firstLine(first.message)}`
    }
  }
  let raw: unknown
  try {
    raw = document.toJS({ maxAliasCount: MAX_ALIASES })
  } catch (error) {
    return { ok: false, error: `invalid YAML: ${firstLine((error as Error).message)}` }
  }
  const result = manifestSchema.safeParse(raw ?? {})
  if (!result.success) {
    const issue = result.error.issues[0]
    const key = issue.path.map(String).join('.') || '(top level)'
    return { ok: false, error: `${key}: ${issue.message}` }
  }
  const entries = new Map<string, ManifestEntry>()
  for (const [index, entry] of result.data.datasets.entries()) {
    const path = normalizePath(entry.path)
    if (entries.has(path))
      return { ok: false, error: `datasets.${index}.path: ${path} is listed twice` }
    entries.set(path, { ...entry, path })
  }
  return { ok: true, entries }
}

/** `./data/x.jsonl` and `data/x.jsonl` name the same file; paths are relative to the repository root. */
export function normalizePath(path: string): string {
  let normalized = path
  while (normalized.startsWith('./')) normalized = normalized.slice(2)
  return normalized
}

function firstLine(message: string): string {
  const line = message.split('\n')[0]
  return line.length > 200 ? `${line.slice(0, 199)}…` : line
}
