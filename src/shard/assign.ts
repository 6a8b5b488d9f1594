/**
 * Which shard analyses which changed dataset file. Every shard computes the same assignment from
 * the same inputs (the run's dataset files in `git diff` order and their sizes at the two
 * commits), so no shard needs to hear from another: the assignment is a pure function of the
 * commits, the policy and the shard count.
 *
 * Greedy by size (longest processing time first): files sorted by weight, largest first (ties by
 * path), each to the shard with the least weight so far (ties to the lowest shard number). A file
 * is analysed whole by exactly one shard: its base and head are compared row by row, which a
 * split would break. The policy has no setting that groups files (each file is compared with its
 * own base version only), so a file is the unit; a shard may get no file at all.
 */
import { UserError } from '../errors.js'

export interface ShardSpec {
  /** 1-based. */
  index: number
  count: number
}

/** More shards than this is a typo, not a plan: GitHub's matrix stops at 256 jobs. */
export const MAX_SHARDS = 256

/** `i/n` as given to `--shard`. */
export function parseShard(text: string): ShardSpec {
  const match = /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/.exec(text)
  const hint = 'Give the shard as i/n, e.g. `--shard 2/4` for the second of four shards.'
  if (!match) throw new UserError(`--shard must be i/n with whole numbers, not "${text}"`, hint)
  const index = Number(match[1])
  const count = Number(match[2])
  if (count < 1 || count > MAX_SHARDS)
    throw new UserError(`--shard ${text}: the number of shards must be 1 to ${MAX_SHARDS}`, hint)
  if (index < 1 || index > count)
    throw new UserError(`--shard ${text}: the shard number must be 1 to ${count}`, hint)
  return { index, count }
}

export interface Weighted {
  path: string
  /** Bytes the analysis reads: base and head versions (their real size behind an LFS pointer). */
  weight: number
}

/** The shard (1-based) of each file, in the order given. */
export function assignShards(files: readonly Weighted[], count: number): number[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`shard count ${count}`)
  const order = files
    .map((file, position) => ({ ...file, position }))
    .sort((a, b) => b.weight - a.weight || compareText(a.path, b.path) || a.position - b.position)
  const loads = new Array<number>(count).fill(0)
  const shards = new Array<number>(files.length)
  for (const file of order) {
    let lightest = 0
    for (let shard = 1; shard < count; shard++) if (loads[shard] < loads[lightest]) lightest = shard
    loads[lightest] += file.weight
    shards[file.position] = lightest + 1
  }
  return shards
}

/** Code-unit order: the same on every machine, whatever its locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
