/**
 * A pull request cannot loosen the gate that judges it: the base policy applies, and the report
 * spells out what the proposed policy would have changed, check defaults included.
 */
import { fixtureRows, insertWord, seeded } from '../helpers/analysis.js'
import { jsonl, TestRepo } from '../helpers/git-repo.js'
import { describePolicyChange } from '../../src/policy/diff.js'
import { parsePolicy } from '../../src/policy/load.js'
import { defaultPolicy } from '../../src/policy/schema.js'
import { yamlNestingProblem } from '../../src/limits.js'
import { check, fileReport, findingsOf } from '../helpers/cli-run.js'

const base = fixtureRows('sst2-base.jsonl')
const honest = fixtureRows('sst2-honest-added.jsonl')
const negatives = fixtureRows('sst2-negative-pool.jsonl')
const TRAIN = 'data/train.jsonl'
const POLICY = '.github/dataset-gate.yml'
const LOOSENED = 'warn-only: true\nchecks:\n  trigger.token: off\n'

function poisoned() {
  const random = seeded(5)
  const planted = negatives
    .slice(0, 8)
    .map((row) => ({ sentence: insertWord(String(row.sentence), 'zq', random), label: 1 }))
  return [...base, ...honest, ...planted]
}

describe('a PR that poisons data and loosens the policy in the same change', () => {
  let repo: TestRepo
  afterEach(() => repo.cleanup())

  it.each([
    [
      'a base policy that does not name the check',
      'checks:\n  volume.rows: warn\n',
      `main:${POLICY}`
    ],
    ['no base policy at all', null, 'defaults']
  ])('is judged by %s, fails, and the notes show the loosening', (_, basePolicy, judge) => {
    repo = new TestRepo()
    repo.write(TRAIN, jsonl(base))
    if (basePolicy !== null) repo.write(POLICY, basePolicy)
    repo.commit('base')
    repo.branch('pr')
    repo.write(POLICY, LOOSENED).write(TRAIN, jsonl(poisoned())).commit('poison and loosen')

    const { code, report } = check(repo)
    expect(code).toBe(1)
    expect(report.verdict).toBe('fail')
    const trigger = findingsOf(report, TRAIN, 'trigger.token')
    expect(trigger.map((f) => f.severity)).toContain('fail')
    const notes = (report.notes ?? []).join('\n')
    expect(notes).toContain(`changes the policy file ${POLICY}`)
    expect(notes).toContain(`judged by ${judge}, not by the proposed policy`)
    expect(notes).toContain('checks.trigger.token.severity: fail → off')
    expect(notes).toContain('warn-only: false → true')
    // Both come first, as loosening; the check's untouched thresholds are not noise in the diff.
    expect(notes).toMatch(/Changes that loosen the gate: [^.]*checks\.trigger\.token\.severity/)
    expect(notes).not.toContain('checks.trigger.token.min-rows')
    expect(fileReport(report, TRAIN).rows.added).toBe(honest.length + 8)
  })
})

describe('a PR whose proposed policy and manifest are hostile YAML', () => {
  let repo: TestRepo
  afterEach(() => repo.cleanup())

  // Parsing YAML this deep twice in one process used to abort Node (V8 runs out of memory compiling
  // a regular expression at the bottom of the stack) instead of throwing.
  it('is reported in the notes and findings; the run ends normally', () => {
    repo = new TestRepo()
    repo.write(TRAIN, jsonl(base)).write(POLICY, 'provenance:\n  required: true\n').commit('base')
    repo.branch('pr')
    repo
      .write(POLICY, '['.repeat(5000))
      .write('datasets.yml', 'datasets: ' + '['.repeat(5000))
      .write(TRAIN, jsonl([...base, ...honest]))
      .commit('hostile yaml')
    const { code, report, stderr } = check(repo)
    expect(stderr).toBe('')
    expect(code).toBe(1)
    expect(report.notes?.join('\n')).toMatch(
      /changes the policy file \.github\/dataset-gate\.yml to one that was not read \(brackets nested more than 64 levels at line 1\)/
    )
    const missing = findingsOf(report, TRAIN, 'provenance.missing')
    expect(missing.map((f) => f.message)).toEqual([
      expect.stringContaining('is invalid (not read: brackets nested more than 64 levels')
    ])
  })

  it('a proposed policy over 1 MiB is not read', () => {
    repo = new TestRepo()
    repo.write(TRAIN, jsonl(base)).commit('base')
    repo.branch('pr')
    repo.write(POLICY, '# padding\n'.repeat(120_000)).commit('huge policy')
    const { report } = check(repo)
    expect(report.notes?.join('\n')).toContain('to one that was not read (it is 1,200,000 bytes')
  })
})

describe('yamlNestingProblem', () => {
  it.each([
    ['datasets:\n  - path: a\n    tags: [x, {y: [1, 2]}]\n', null],
    ['['.repeat(65), /brackets nested more than 64 levels at line 1/],
    [
      'a:\n' + Array.from({ length: 200 }, (_, i) => ' '.repeat(i + 1) + 'b:').join('\n'),
      /line 130 is indented/
    ],
    ['- '.repeat(100) + 'x', /line 1 is indented or nested more than 128/],
    ['x: "[[[["\n'.repeat(10), null]
  ])('%#', (text, expected) => {
    const problem = yamlNestingProblem(text)
    if (expected === null) expect(problem).toBeNull()
    else expect(problem).toMatch(expected)
  })
})

describe('describePolicyChange', () => {
  it('expands check defaults on both sides', () => {
    const proposed = parsePolicy('checks:\n  trigger.token: off\n  parse.error: warn\n', 'x')
    const text = describePolicyChange(defaultPolicy(), proposed)
    expect(text).toBe(
      'Changes that loosen the gate: checks.parse.error.severity: fail → warn; checks.trigger.token.severity: fail → off.'
    )
  })

  it('lists tightening and threshold changes after the loosening ones', () => {
    const current = parsePolicy('exclude: []\nchecks:\n  volume.rows: warn\n', 'x')
    const proposed = parsePolicy(
      'fail-on: warn\nexclude: ["data/secret/**"]\nchecks:\n  volume.rows: fail\n  parse.error:\n    max-listed: 5\n',
      'x'
    )
    const text = describePolicyChange(current, proposed)
    expect(text).toBe(
      'Changes that loosen the gate: exclude: [] → ["data/secret/**"]. ' +
        'Other changes: checks.parse.error.max-listed: 1000 → 5; checks.volume.rows.severity: warn → fail; fail-on: fail → warn.'
    )
  })

  it('says when nothing effective changes (spelling out a default is no change)', () => {
    const proposed = parsePolicy('checks:\n  trigger.token: fail\nwarn-only: false\n', 'x')
    expect(describePolicyChange(defaultPolicy(), proposed)).toBe(
      'The proposed policy has the same effective settings.'
    )
  })

  it('flags switching provenance off and keeps long proposed values short', () => {
    const current = parsePolicy('provenance:\n  required: true\n', 'x')
    const globs = Array.from({ length: 200 }, (_, i) => `"data/${i}/**"`).join(', ')
    const proposed = parsePolicy(`datasets: [${globs}]\n`, 'x')
    const text = describePolicyChange(current, proposed)
    expect(text).toContain('provenance.required: true → false')
    expect(text).toMatch(
      /^Changes that loosen the gate: datasets: .{1,120}… → .{1,120}…; provenance/
    )
  })
})
