import {
  applyApproval,
  carriesLabel,
  latestLabelling,
  trustedRole,
  type LabelEvent
} from '../../src/github/override.js'
import { invisible, nearDuplicates, report } from './report-fixture.js'

const label = 'dataset-gate: approved'
const event = (kind: string, login: string, minute: number, name = label): LabelEvent => ({
  event: kind,
  created_at: new Date(Date.UTC(2025, 0, 1, 12, minute)).toISOString(),
  actor: { login },
  label: { name }
})

describe('latestLabelling', () => {
  it('names whoever applied the label last', () => {
    const events = [
      event('labeled', 'alice', 1),
      event('unlabeled', 'bob', 2),
      event('labeled', 'carol', 3, 'other'),
      event('labeled', 'dave', 4, 'Dataset-Gate: Approved'),
      { event: 'closed', created_at: '2025-01-01T13:00:00Z', actor: { login: 'x' } }
    ]
    expect(latestLabelling(events, label)).toEqual({
      login: 'dave',
      appliedAt: '2025-01-01T12:04:00.000Z'
    })
  })

  it('is undefined when the label was removed last or never applied', () => {
    expect(
      latestLabelling([event('labeled', 'alice', 1), event('unlabeled', 'bob', 2)], label)
    ).toBeUndefined()
    expect(latestLabelling([], label)).toBeUndefined()
    expect(
      latestLabelling([{ ...event('labeled', 'ghost', 1), actor: null }], label)
    ).toBeUndefined()
  })
})

describe('trustedRole', () => {
  it.each([
    [{ permission: 'admin', role_name: 'admin' }, 'admin'],
    [{ permission: 'write', role_name: 'maintain' }, 'maintain'],
    [{ permission: 'write', role_name: 'write' }, 'write'],
    [{ permission: 'write', role_name: 'custom-data-steward' }, 'write'],
    [{ permission: 'read', role_name: 'triage' }, undefined],
    [{ permission: 'read', role_name: 'read' }, undefined],
    [{ permission: 'none', role_name: 'none' }, undefined]
  ])('%j -> %s', (level, expected) => {
    expect(trustedRole(level)).toBe(expected)
  })
})

describe('applyApproval', () => {
  const approval = { login: 'alice', appliedAt: '2025-01-01T12:04:00Z', label, role: 'maintain' }

  it('turns a fail into a warning and records who, when and how', () => {
    const failing = report([invisible, nearDuplicates])
    const approved = applyApproval(failing, approval)
    expect(approved.verdict).toBe('warn')
    expect(approved.summary).toEqual(failing.summary)
    expect(approved.files).toBe(failing.files)
    expect(approved.notes).toEqual([
      'Approved by @alice (maintain) with the label "dataset-gate: approved" on 2025-01-01 12:04 UTC: the failing findings are reported as a warning and do not fail the check.'
    ])
    expect(failing.verdict).toBe('fail')
  })

  it('leaves passing and warning reports alone', () => {
    const warning = report([nearDuplicates])
    expect(applyApproval(warning, approval)).toBe(warning)
  })

  it('matches label names without regard to case', () => {
    expect(carriesLabel(['bug', 'Dataset-Gate: Approved'], label)).toBe(true)
    expect(carriesLabel(['bug'], label)).toBe(false)
  })
})
