/**
 * Compares the changed dataset files with the provenance manifest: pure, no I/O. The manifest
 * comes from the pull request, so it proves nothing by itself; what it gives reviewers is a
 * record of each file's claimed source and license, and a checksum that ties the record to the
 * exact bytes being merged.
 */
import type { FileStatus, Finding, Severity } from '../types.js'
import type { ManifestEntry, ManifestResult } from './manifest.js'

export type ManifestState = ManifestResult | { ok: false; missing: true }

export interface ContentDigest {
  /** SHA-256 of the file as committed. */
  sha256: string
  /** For a Git LFS pointer: the SHA-256 of the real content it points to. */
  lfsOid: string | null
}

export interface ProvenanceFile {
  path: string
  previousPath: string | null
  status: FileStatus
  /** Digest of the head content; null for a deleted file. */
  digest: ContentDigest | null
}

export interface ProvenanceInput {
  /** From the base policy: the pull request cannot switch it off. */
  required: boolean
  manifestPath: string
  head: ManifestState
  /** Entries of the base's manifest, to show what the pull request changes; null if it had none. */
  base: Map<string, ManifestEntry> | null
  files: ProvenanceFile[]
  /** Every file path of the head commit. */
  headPaths: ReadonlySet<string>
}

export interface ProvenanceResult {
  /** Findings by the path of the file report they belong to. */
  findings: Map<string, Finding[]>
  notes: string[]
}

const EXPLANATION =
  'The provenance manifest records where each dataset file comes from, under which license, and ' +
  'the SHA-256 of the content that was vetted. A file without an entry, or whose content no longer ' +
  'matches its checksum, has not been through that record-keeping.'
const MAX_NOTED = 10
const MAX_VALUE_CHARS = 200

export function compareProvenance(input: ProvenanceInput): ProvenanceResult {
  const result: ProvenanceResult = { findings: new Map(), notes: [] }
  const add = (path: string, finding: Finding): void => {
    const list = result.findings.get(path) ?? []
    list.push({ ...finding, explanation: EXPLANATION })
    result.findings.set(path, list)
  }
  const present = input.files.filter((file) => file.digest !== null)
  const { head } = input
  if (!head.ok) {
    if ('missing' in head && !input.required) return result
    const reason =
      'missing' in head
        ? `there is no provenance manifest ${input.manifestPath} in the head commit`
        : `the provenance manifest ${input.manifestPath} is invalid (${head.error})`
    for (const file of present) {
      add(file.path, {
        check: 'provenance.missing',
        severity: input.required ? 'fail' : 'warn',
        title: 'No provenance record',
        message: `${file.path} has no usable provenance entry: ${reason}`,
        rows: []
      })
    }
    return result
  }

  const entries = head.entries
  const mismatchSeverity: Severity = input.required ? 'fail' : 'warn'
  for (const file of present) {
    const entry = entries.get(file.path)
    if (!entry) {
      add(file.path, {
        check: 'provenance.missing',
        severity: input.required ? 'fail' : 'notice',
        title: 'No provenance record',
        message: `${file.path} is ${file.status === 'added' ? 'added' : 'changed'} but the provenance manifest ${input.manifestPath} has no entry for it`,
        rows: []
      })
      continue
    }
    const digest = file.digest as ContentDigest
    if (entry.sha256 !== digest.sha256 && entry.sha256 !== digest.lfsOid) {
      add(file.path, {
        check: 'provenance.checksum',
        severity: mismatchSeverity,
        title: 'Content does not match its provenance checksum',
        message: `The provenance manifest ${input.manifestPath} gives sha256 ${entry.sha256} for ${file.path}, but its content in the head commit has sha256 ${digest.sha256}`,
        rows: [],
        details: { expected: entry.sha256, actual: digest.sha256, lfsOid: digest.lfsOid }
      })
    }
    const before = input.base?.get(file.previousPath ?? file.path) ?? input.base?.get(file.path)
    const changes = describeChanges(before, entry)
    if (changes) {
      add(file.path, {
        check: 'provenance.changed',
        severity: 'notice',
        title: 'Provenance changed',
        message: `The pull request changes the provenance of ${file.path}: ${changes}`,
        rows: [],
        details: { source: clip(entry.source), license: clip(entry.license) }
      })
    }
  }

  // Entries for files that are not there: only those this pull request brings about are news.
  const attached = new Set<string>()
  for (const file of input.files) {
    const gone = file.digest === null ? file.path : file.previousPath
    if (gone === null || input.headPaths.has(gone) || !entries.has(gone)) continue
    attached.add(gone)
    add(file.path, {
      check: 'provenance.stale',
      severity: 'notice',
      title: 'Provenance entry for a missing file',
      message: `The provenance manifest ${input.manifestPath} still lists ${gone}, which the pull request ${file.digest === null ? 'deletes' : 'renames'}`,
      rows: []
    })
  }
  const stale = [...entries.values()]
    .filter((entry) => !input.headPaths.has(entry.path) && !attached.has(entry.path))
    .filter((entry) => !sameEntry(input.base?.get(entry.path), entry))
    .map((entry) => clip(entry.path))
  if (stale.length) {
    const listed = stale.slice(0, MAX_NOTED).join(', ')
    const more = stale.length > MAX_NOTED ? ` and ${stale.length - MAX_NOTED} more` : ''
    result.notes.push(
      `The provenance manifest ${input.manifestPath} has entries for files that are not in the head commit: ${listed}${more}.`
    )
  }
  return result
}

function describeChanges(before: ManifestEntry | undefined, after: ManifestEntry): string | null {
  if (!before) return null
  const changes: string[] = []
  if (before.source !== after.source)
    changes.push(`source ${clip(before.source)} → ${clip(after.source)}`)
  if (before.license !== after.license)
    changes.push(`license ${clip(before.license)} → ${clip(after.license)}`)
  return changes.length ? changes.join('; ') : null
}

/** Manifest text is the pull request's: one value must not flood a message. */
function clip(text: string): string {
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text
}

function sameEntry(a: ManifestEntry | undefined, b: ManifestEntry): boolean {
  return (
    a !== undefined &&
    a.path === b.path &&
    a.source === b.source &&
    a.license === b.license &&
    a.sha256 === b.sha256
  )
}
