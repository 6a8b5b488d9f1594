import { UserError } from '../../src/errors.js'
import { mergePartials, type MergeInput } from '../../src/shard/merge.js'
import {
  parsePartial,
  policyFingerprint,
  serializePartial,
  type PartialState
} from '../../src/shard/partial.js'
import { parsePolicy } from '../../src/policy/load.js'
import type { FileReport, Finding } from '../../src/types.js'

const BASE = 'a'.repeat(40)
const HEAD = 'b'.repeat(40)
const VERSION = '9.9.9'
const FINGERPRINT = `sha256:${'c'.repeat(64)}`

const finding = (check: string, severity: Finding['severity']): Finding => ({
  check,
  severity,
  title: check,
  message: `${check} message`,
  rows: []
})

const file = (path: string, findings: Finding[] = []): FileReport => ({
  path,
  previousPath: null,
  status: 'modified',
  format: 'jsonl',
  rows: { base: 10, head: 12, added: 2, removed: 0 },
  findings
})

const PLAN = [
  { path: 'data/a.jsonl', shard: 2 },
  { path: 'data/b.jsonl', shard: 1 },
  { path: 'data/c.jsonl', shard: 2 }
]

function partial(index: number, overrides: Partial<PartialState> = {}): PartialState {
  return {
    kind: 'dataset-gate-partial',
    partialVersion: 1,
    tool: { name: 'dataset-gate', version: VERSION },
    base: BASE,
    head: HEAD,
    policy: {
      fingerprint: FINGERPRINT,
      source: 'main:.github/dataset-gate.yml',
      warnOnly: false,
      failOn: 'fail',
      timeBudgetSeconds: 600
    },
    shard: { index, count: 2 },
    plan: PLAN,
    files:
      index === 1
        ? [file('data/b.jsonl', [finding('volume.rows', 'warn')])]
        : [file('data/a.jsonl', [finding('trigger.token', 'fail')]), file('data/c.jsonl')],
    skipped: 0,
    run:
      index === 1
        ? {
            notes: ['This pull request changes the policy file .github/dataset-gate.yml; ...'],
            provenance: {
              findings: [
                { path: 'data/a.jsonl', findings: [finding('provenance.missing', 'notice')] }
              ],
              notes: [
                'The provenance manifest datasets.yml has entries for files that are not in the head commit: x.'
              ]
            }
          }
        : null,
    ...overrides
  }
}

const inputs = (...states: PartialState[]): MergeInput[] =>
  states.map((state) => ({ source: `partial-${state.shard.index}.json`, state }))

function mergeError(list: MergeInput[]): UserError {
  try {
    mergePartials(list, { toolVersion: VERSION })
  } catch (error) {
    if (error instanceof UserError) return error
    throw error
  }
  throw new Error('merge did not fail')
}

describe('mergePartials', () => {
  it('rebuilds the single run: plan order, provenance after the file’s own findings, notes in order', () => {
    const report = mergePartials(inputs(partial(2), partial(1)), { toolVersion: VERSION })
    expect(report.files.map((f) => f.path)).toEqual([
      'data/a.jsonl',
      'data/b.jsonl',
      'data/c.jsonl'
    ])
    expect(report.files[0].findings.map((f) => f.check)).toEqual([
      'trigger.token',
      'provenance.missing'
    ])
    expect(report).toMatchObject({
      tool: { version: VERSION },
      base: BASE,
      head: HEAD,
      verdict: 'fail',
      summary: { files: 3, failures: 1, warnings: 1 }
    })
    expect(report.notes).toEqual([
      'This pull request changes the policy file .github/dataset-gate.yml; ...',
      'The provenance manifest datasets.yml has entries for files that are not in the head commit: x.'
    ])
  })

  it('adds the time-budget note with the files every shard left out, before the provenance notes', () => {
    const report = mergePartials(inputs(partial(1, { skipped: 1 }), partial(2, { skipped: 1 })), {
      toolVersion: VERSION
    })
    expect(report.notes?.[1]).toBe(
      'The time budget (limits.time-budget-seconds = 600) ran out: 2 of 3 dataset files were not analysed.'
    )
  })

  it('takes warn-only and fail-on from the policy unless the merge is told otherwise', () => {
    const warnOnly = partial(1).policy
    const states = [
      partial(1, { policy: { ...warnOnly, warnOnly: true } }),
      partial(2, { policy: { ...warnOnly, warnOnly: true } })
    ]
    expect(mergePartials(inputs(...states), { toolVersion: VERSION }).verdict).toBe('warn')
    expect(
      mergePartials(inputs(...states), { toolVersion: VERSION, warnOnly: false }).verdict
    ).toBe('fail')
    const calm = [partial(1), partial(2, { files: [file('data/a.jsonl'), file('data/c.jsonl')] })]
    expect(mergePartials(inputs(...calm), { toolVersion: VERSION }).verdict).toBe('warn')
    expect(mergePartials(inputs(...calm), { toolVersion: VERSION, failOn: 'warn' }).verdict).toBe(
      'fail'
    )
  })

  it.each<[string, () => MergeInput[], RegExp]>([
    ['nothing to merge', () => [], /needs the partial state files/],
    [
      'another tool version',
      () => inputs(partial(1), partial(2, { tool: { name: 'dataset-gate', version: '1.0.0' } })),
      /partial-2\.json was written by dataset-gate 1\.0\.0; this is dataset-gate 9\.9\.9/
    ],
    [
      'other commits',
      () => inputs(partial(1), partial(2, { head: 'd'.repeat(40) })),
      /partial-2\.json and partial-1\.json are not shards of the same run: the commits differ/
    ],
    [
      'another policy',
      () =>
        inputs(
          partial(1),
          partial(2, { policy: { ...partial(2).policy, fingerprint: `sha256:${'e'.repeat(64)}` } })
        ),
      /not shards of the same run: the policies differ/
    ],
    [
      'another shard count',
      () => inputs(partial(1), partial(2, { shard: { index: 2, count: 3 } })),
      /the shard counts differ \(2\/3 vs 1\/2\)/
    ],
    [
      'another plan',
      () => inputs(partial(1), partial(2, { plan: [...PLAN].reverse() })),
      /the changed dataset files or their assignment to shards differ/
    ],
    [
      'a shard twice',
      () => [...inputs(partial(1), partial(2)), { source: 'copy.json', state: partial(2) }],
      /shard 2\/2 is given twice: partial-2\.json and copy\.json/
    ],
    ['a missing shard', () => inputs(partial(1)), /shard 2 of 2 is missing \(given: 1\)/],
    [
      'files that are not the plan’s',
      () => inputs(partial(1), partial(2, { files: [file('data/a.jsonl')] })),
      /partial-2\.json does not hold the files its plan gives shard 2\/2/
    ],
    [
      'run-wide state on another shard',
      () => inputs(partial(1), partial(2, { run: partial(1).run })),
      /partial-2\.json is shard 2\/2 but holds the run-wide state only shard 1 holds/
    ],
    [
      'a plan with a shard beyond the count',
      () => {
        const plan = [...PLAN, { path: 'data/d.jsonl', shard: 3 }]
        return inputs(partial(1, { plan }), partial(2, { plan }))
      },
      /holds an impossible plan/
    ],
    [
      'a shard beyond its count',
      () => inputs(partial(1), partial(3)),
      /partial-3\.json claims to be shard 3 of 2/
    ]
  ])('refuses %s with a message (exit 2)', (_name, list, message) => {
    const error = mergeError(list())
    expect(error.message).toMatch(message)
  })
})

describe('partial state files', () => {
  it('round-trips', () => {
    const state = partial(1)
    expect(parsePartial(serializePartial(state), 'p.json')).toEqual(state)
  })

  it('names the file when it is not JSON, not a partial state, or of another format version', () => {
    expect(() => parsePartial('{"kind": "dataset-gate-partial", "par', 'p1.json')).toThrow(
      /^p1\.json is not a Dataset Gate partial state: it is not JSON/
    )
    expect(() => parsePartial('{"schemaVersion": 1}', 'report.json')).toThrow(
      /^report\.json is not a Dataset Gate partial state: .* at kind/
    )
    const tampered = { ...partial(2), files: [{ ...file('data/a.jsonl'), extra: 1 }] }
    expect(() => parsePartial(JSON.stringify(tampered), 'p2.json')).toThrow(
      /^p2\.json is not a Dataset Gate partial state: .* at files\.0/
    )
    expect(() =>
      parsePartial(JSON.stringify({ ...partial(1), partialVersion: 2 }), 'new.json')
    ).toThrow(
      /^new\.json is a partial state of format version 2; this dataset-gate reads version 1/
    )
  })

  it('fingerprints the policy by content, not by how it was written', () => {
    const a = parsePolicy('checks:\n  volume.rows: warn\nwarn-only: false\n', 'a.yml')
    const b = parsePolicy('warn-only: false\nchecks: { volume.rows: warn }\n', 'b.yml')
    const c = parsePolicy('checks:\n  volume.rows: fail\n', 'c.yml')
    const path = '.github/dataset-gate.yml'
    expect(policyFingerprint(a, path)).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(policyFingerprint(a, path)).toBe(policyFingerprint(b, path))
    expect(policyFingerprint(a, path)).not.toBe(policyFingerprint(c, path))
    expect(policyFingerprint(a, path)).not.toBe(policyFingerprint(a, 'other.yml'))
  })
})
