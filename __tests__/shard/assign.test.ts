import { assignShards, MAX_SHARDS, parseShard } from '../../src/shard/assign.js'
import { UserError } from '../../src/errors.js'

describe('parseShard', () => {
  it('reads i/n', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 })
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 })
  })

  it.each(['0/3', '4/3', '1/0', `1/${MAX_SHARDS + 1}`, '1', '1/2/3', 'a/b', '-1/2', '1.5/2', ''])(
    'refuses %p with a UserError',
    (text) => {
      expect(() => parseShard(text)).toThrow(UserError)
    }
  )
})

describe('assignShards', () => {
  const files = (weights: number[]) => weights.map((weight, i) => ({ path: `f${i}`, weight }))

  it('balances by size: largest first, each to the lightest shard', () => {
    // 10 → 1; 8 → 2; 7 → 3; 5 → 3 (7 < 8 < 10); 4 → 2 (8 < 10 < 12); 1 → 1 (10 < 12 = 12)
    expect(assignShards(files([5, 10, 1, 8, 4, 7]), 3)).toEqual([3, 1, 1, 2, 2, 3])
  })

  it('breaks ties by path and by shard number, whatever the input order', () => {
    const a = [
      { path: 'b', weight: 1 },
      { path: 'a', weight: 1 },
      { path: 'c', weight: 1 }
    ]
    expect(assignShards(a, 2)).toEqual([2, 1, 1])
    const reordered = [a[2], a[0], a[1]]
    expect(assignShards(reordered, 2)).toEqual([1, 2, 1])
  })

  it('gives every file exactly one shard in range; more shards than files leaves some empty', () => {
    const shards = assignShards(files([3, 3, 3]), 5)
    expect(shards).toEqual([1, 2, 3])
    expect(assignShards([], 4)).toEqual([])
    expect(assignShards(files([1, 2, 3]), 1)).toEqual([1, 1, 1])
  })

  it('is a pure function of its input', () => {
    const input = files([9, 1, 1, 7, 3, 3, 0, 12])
    expect(assignShards(input, 3)).toEqual(
      assignShards(
        input.map((f) => ({ ...f })),
        3
      )
    )
  })
})
