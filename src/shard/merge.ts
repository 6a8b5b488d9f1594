/**
 * `dataset-gate merge`: the partial states of a sharded run, checked to belong together, combined
 * into the report a single `check` of the same commits and policy gives. Nothing is recomputed and
 * no repository is needed: the files come back in plan order, shard 1's provenance findings are
 * appended to the files they name (as the single run appends them), and the notes are rebuilt in
 * the single run's order — policy-change note, time-budget note, provenance notes.
 */
import { UserError } from '../errors.js'
import { buildReport } from '../report/json.js'
import type { FileReport, Report } from '../types.js'
import { VERSION } from '../version.js'
import type { PartialState } from './partial.js'

/** The single run's note when its time budget left files unanalysed. */
export function timeBudgetNote(seconds: number, skipped: number, total: number): string {
  return `The time budget (limits.time-budget-seconds = ${seconds}) ran out: ${skipped} of ${total} dataset files were not analysed.`
}

export interface MergeInput {
  /** The file it was read from, for messages. */
  source: string
  state: PartialState
}

export interface MergeOptions {
  warnOnly?: boolean
  failOn?: 'fail' | 'warn'
  /** The merging tool's version: partials of another version are refused. Default: this one. */
  toolVersion?: string
}

const SAME_RUN_HINT =
  'Merge the partial states of one sharded run: every shard of the same commits, policy and ' +
  'shard count, written by the same dataset-gate version, each shard once.'

export function mergePartials(inputs: readonly MergeInput[], options: MergeOptions = {}): Report {
  if (inputs.length === 0)
    throw new UserError(
      'merge needs the partial state files of every shard',
      'dataset-gate merge partial-1.json partial-2.json ...'
    )
  const toolVersion = options.toolVersion ?? VERSION
  const [first] = inputs
  const reference = first.state
  for (const { source, state } of inputs) {
    if (state.tool.version !== toolVersion)
      throw mismatch(
        `${source} was written by dataset-gate ${state.tool.version}; this is dataset-gate ${toolVersion}`
      )
    if (state.shard.index > state.shard.count)
      throw mismatch(
        `${source} claims to be shard ${state.shard.index} of ${state.shard.count}, which does not exist`
      )
  }
  for (const { source, state } of inputs.slice(1)) {
    const differ = (what: string, a: string, b: string) =>
      mismatch(
        `${source} and ${first.source} are not shards of the same run: ${what} differ (${a} vs ${b})`
      )
    if (state.base !== reference.base || state.head !== reference.head)
      throw differ(
        'the commits',
        `${short(state.base)}..${short(state.head)}`,
        `${short(reference.base)}..${short(reference.head)}`
      )
    if (state.policy.fingerprint !== reference.policy.fingerprint)
      throw differ(
        'the policies',
        `${state.policy.source}, ${state.policy.fingerprint.slice(0, 19)}`,
        `${reference.policy.source}, ${reference.policy.fingerprint.slice(0, 19)}`
      )
    if (state.shard.count !== reference.shard.count)
      throw differ(
        'the shard counts',
        `${state.shard.index}/${state.shard.count}`,
        `${reference.shard.index}/${reference.shard.count}`
      )
    if (JSON.stringify(state.plan) !== JSON.stringify(reference.plan))
      throw differ('the changed dataset files or their assignment to shards', 'one plan', 'another')
  }

  const count = reference.shard.count
  const paths = new Set(reference.plan.map((p) => p.path))
  if (paths.size !== reference.plan.length || reference.plan.some((p) => p.shard > count))
    throw new UserError(
      `${first.source} holds an impossible plan (a file listed twice, or given a shard beyond ${count})`,
      'The partial state was changed after it was written; run the shard again.'
    )
  const byShard = new Map<number, MergeInput>()
  for (const input of inputs) {
    const earlier = byShard.get(input.state.shard.index)
    if (earlier)
      throw mismatch(
        `shard ${input.state.shard.index}/${count} is given twice: ${earlier.source} and ${input.source}`
      )
    byShard.set(input.state.shard.index, input)
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byShard.has(i))
  if (missing.length)
    throw mismatch(
      `${missing.length === 1 ? 'shard' : 'shards'} ${missing.join(', ')} of ${count} ${missing.length === 1 ? 'is' : 'are'} missing (given: ${[...byShard.keys()].sort((a, b) => a - b).join(', ')})`
    )

  const files = new Map<string, FileReport>()
  for (const { source, state } of inputs) {
    const expected = reference.plan.filter((p) => p.shard === state.shard.index).map((p) => p.path)
    const actual = state.files.map((f) => f.path)
    if (JSON.stringify(expected) !== JSON.stringify(actual))
      throw new UserError(
        `${source} does not hold the files its plan gives shard ${state.shard.index}/${count} (expected ${expected.length}, found ${actual.length})`,
        'The partial state was changed after it was written; run the shard again.'
      )
    if ((state.run !== null) !== (state.shard.index === 1))
      throw new UserError(
        `${source} is shard ${state.shard.index}/${count} but ${state.run ? 'holds' : 'lacks'} the run-wide state only shard 1 holds`,
        'The partial state was changed after it was written; run the shard again.'
      )
    for (const file of state.files) files.set(file.path, file)
  }

  const run = byShard.get(1)!.state.run!
  const provenance = new Map(run.provenance?.findings.map((p) => [p.path, p.findings]) ?? [])
  const ordered = reference.plan.map(({ path }) => {
    const file = files.get(path)!
    return { ...file, findings: [...file.findings, ...(provenance.get(path) ?? [])] }
  })
  const skipped = inputs.reduce((sum, { state }) => sum + state.skipped, 0)
  const notes = [
    ...run.notes,
    ...(skipped
      ? [timeBudgetNote(reference.policy.timeBudgetSeconds, skipped, reference.plan.length)]
      : []),
    ...(run.provenance?.notes ?? [])
  ]
  return buildReport({
    toolVersion: reference.tool.version,
    base: reference.base,
    head: reference.head,
    files: ordered,
    notes: notes.length ? notes : undefined,
    warnOnly: options.warnOnly ?? reference.policy.warnOnly,
    failOn: options.failOn ?? reference.policy.failOn
  })
}

function mismatch(message: string): UserError {
  return new UserError(message, SAME_RUN_HINT)
}

function short(sha: string): string {
  return sha.slice(0, 12)
}
