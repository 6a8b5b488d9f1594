import picomatch from 'picomatch'
import type { FileSettings, Policy } from './schema.js'

/** Glob matching on repository paths; dot files count, so `.data/x.jsonl` is not skipped. */
export function matcher(globs: string[]): (path: string) => boolean {
  if (globs.length === 0) return () => false
  return picomatch(globs, { dot: true })
}

export function isDatasetPath(policy: Policy, path: string): boolean {
  return matcher(policy.datasets)(path) && !matcher(policy.exclude)(path)
}

/** The first `files` entry whose glob matches the path. */
export function fileSettingsFor(policy: Policy, path: string): FileSettings | undefined {
  return policy.files.find((entry) => matcher([entry.path])(path))
}
