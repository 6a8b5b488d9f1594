import { describePolicyChange } from '../../src/policy/diff.js'
import { DEFAULT_POLICY_PATH, loadPolicyFromRef, parsePolicy } from '../../src/policy/load.js'
import { fileSettingsFor, isDatasetPath } from '../../src/policy/match.js'
import { defaultPolicy, policyJsonSchema } from '../../src/policy/schema.js'
import { UserError } from '../../src/errors.js'
import { TestRepo } from '../helpers/git-repo.js'

describe('policy schema', () => {
  it('has good defaults with no file at all', () => {
    const policy = defaultPolicy()
    expect(policy['warn-only']).toBe(false)
    expect(policy['fail-on']).toBe('fail')
    expect(isDatasetPath(policy, 'data/train.jsonl')).toBe(true)
    expect(isDatasetPath(policy, 'deep/nested/x.tsv')).toBe(true)
    expect(isDatasetPath(policy, 'src/index.ts')).toBe(false)
  })

  it('accepts per-check severities as a short form and per-glob column settings', () => {
    const policy = parsePolicy(
      'checks:\n  volume.rows: off\n  trigger.token: { severity: warn, min-rows: 5 }\nfiles:\n  - path: "data/*.csv"\n    label-column: intent\n    text-columns: [message]\n',
      'test.yml'
    )
    expect(policy.checks['volume.rows']).toMatchObject({ severity: 'off' })
    expect(policy.checks['trigger.token']).toMatchObject({
      severity: 'warn',
      'min-rows': 5,
      fdr: 0.05
    })
    expect(fileSettingsFor(policy, 'data/support.csv')?.['label-column']).toBe('intent')
    expect(fileSettingsFor(policy, 'other/support.csv')).toBeUndefined()
  })

  it.each([
    ['unknown top-level key', 'warnonly: true\n', /unknown key "warnonly"/],
    ['unknown check', 'checks:\n  trigger.tokens: off\n', /checks: unknown key "trigger.tokens"/],
    ['wrong type', 'checks:\n  trigger.token: { fdr: high }\n', /checks\.trigger\.token\.fdr/],
    ['bad severity', 'checks:\n  volume.rows: loud\n', /checks\.volume\.rows/],
    ['YAML syntax', 'checks: [\n', /line \d+/]
  ])('rejects %s with the file name and what is wrong', (_name, text, message) => {
    expect(() => parsePolicy(text, '.github/dataset-gate.yml')).toThrow(UserError)
    expect(() => parsePolicy(text, '.github/dataset-gate.yml')).toThrow(message)
    expect(() => parsePolicy(text, '.github/dataset-gate.yml')).toThrow(
      /\.github\/dataset-gate\.yml/
    )
  })

  it('exports a JSON Schema that lists every check', () => {
    const schema = policyJsonSchema() as {
      properties: { checks: { properties: Record<string, unknown> } }
    }
    expect(Object.keys(schema.properties.checks.properties)).toContain('trigger.token')
  })

  it('describes what a proposed policy would change', () => {
    const current = defaultPolicy()
    const proposed = parsePolicy('warn-only: true\nchecks:\n  trigger.token: off\n', 'x')
    const text = describePolicyChange(current, proposed)
    expect(text).toContain('warn-only: false → true')
    expect(text).toContain('checks.trigger.token.severity')
  })
})

describe('loading the policy from the base ref', () => {
  it('reads the base version and ignores the working tree', async () => {
    const repo = new TestRepo()
    try {
      repo.write(DEFAULT_POLICY_PATH, 'fail-on: warn\n')
      const base = repo.commit('policy')
      repo.write(DEFAULT_POLICY_PATH, 'fail-on: fail\nwarn-only: true\n').commit('loosen')
      const { policy, source } = await loadPolicyFromRef(repo.dir, base, 'main')
      expect(policy['fail-on']).toBe('warn')
      expect(policy['warn-only']).toBe(false)
      expect(source).toBe(`main:${DEFAULT_POLICY_PATH}`)
    } finally {
      repo.cleanup()
    }
  })

  it('falls back to defaults when the base has no policy', async () => {
    const repo = new TestRepo()
    try {
      const base = repo.commit('empty')
      expect((await loadPolicyFromRef(repo.dir, base, 'main')).source).toBe('defaults')
    } finally {
      repo.cleanup()
    }
  })
})

describe('the exported JSON Schema', () => {
  it('accepts the short and the long form of check settings and rejects a bad severity', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js')
    const validate = new Ajv2020({ strict: false }).compile(policyJsonSchema() as object)
    expect(
      validate({
        checks: { 'volume.rows': 'warn', 'trigger.token': { severity: 'off', fdr: 0.05 } }
      })
    ).toBe(true)
    expect(validate({ checks: { 'volume.rows': 'loud' } })).toBe(false)
  })
})
