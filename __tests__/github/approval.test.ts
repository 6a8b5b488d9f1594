import { jest } from '@jest/globals'
import { mockCore } from './core-mock.js'
import { HttpError, fakeGitHub, type FakeEvent } from './fake-github.js'
import { invisible, report } from './report-fixture.js'

const core = mockCore()
const { applyOverrideFromEvent, applyOverrideLabel } = await import('../../src/github/approval.js')

const label = 'dataset-gate: approved'
const labeled = (login: string): FakeEvent => ({
  event: 'labeled',
  created_at: '2025-01-01T12:00:00Z',
  actor: { login },
  label: { name: label }
})
const base = { token: 't', label, owner: 'o', repo: 'r', pullNumber: 7 }

beforeEach(() => jest.clearAllMocks())

describe('applyOverrideLabel', () => {
  it('approves when a maintainer applied the label', async () => {
    const { octokit } = fakeGitHub({
      events: [labeled('alice')],
      permissions: { alice: { permission: 'write', role_name: 'maintain' } }
    })
    const result = await applyOverrideLabel(report([invisible]), {
      ...base,
      labels: [label],
      client: octokit
    })
    expect(result.verdict).toBe('warn')
    expect(result.notes?.[0]).toMatch(/^Approved by @alice \(maintain\)/)
    expect(core.warnings()).toEqual([])
  })

  it('ignores a label applied by someone without write access, with a warning', async () => {
    const { octokit } = fakeGitHub({
      events: [labeled('triager')],
      permissions: { triager: { permission: 'read', role_name: 'triage' } }
    })
    const failing = report([invisible])
    expect(await applyOverrideLabel(failing, { ...base, labels: [label], client: octokit })).toBe(
      failing
    )
    expect(core.warnings()).toEqual([
      'The pull request carries the override label "dataset-gate: approved", but @triager, who applied it, does not have write, maintain or admin permission: the verdict stays FAIL.'
    ])
  })

  it('treats a labeller who is not a collaborator (404) as untrusted', async () => {
    const { octokit } = fakeGitHub({ events: [labeled('outsider')] })
    const failing = report([invisible])
    expect(await applyOverrideLabel(failing, { ...base, labels: [label], client: octokit })).toBe(
      failing
    )
    expect(core.warnings()[0]).toMatch(/@outsider, who applied it, does not have/)
  })

  it('reads the labels from the API when the event had none (workflow_run)', async () => {
    const { octokit, state } = fakeGitHub({
      labels: [label],
      events: [labeled('alice')],
      permissions: { alice: { permission: 'admin', role_name: 'admin' } }
    })
    const result = await applyOverrideLabel(report([invisible]), {
      ...base,
      labels: undefined,
      client: octokit
    })
    expect(result.verdict).toBe('warn')
    expect(state.calls).toContain('getIssue')
  })

  it('makes no call when there is nothing to override', async () => {
    const { octokit, state } = fakeGitHub()
    const failing = report([invisible])
    expect(await applyOverrideLabel(failing, { ...base, labels: ['bug'], client: octokit })).toBe(
      failing
    )
    expect(
      await applyOverrideLabel(report([]), { ...base, labels: [label], client: octokit })
    ).toMatchObject({ verdict: 'pass' })
    expect(
      await applyOverrideLabel(failing, { ...base, label: '', labels: [label], client: octokit })
    ).toBe(failing)
    expect(
      await applyOverrideLabel(failing, {
        ...base,
        pullNumber: undefined,
        labels: [label],
        client: octokit
      })
    ).toBe(failing)
    expect(state.calls).toEqual([])
  })

  it.each([403, 404, 500])('keeps the fail when the events API answers %i', async (status) => {
    const { octokit } = fakeGitHub({ failures: { listEvents: new HttpError(status, 'nope') } })
    const failing = report([invisible])
    expect(await applyOverrideLabel(failing, { ...base, labels: [label], client: octokit })).toBe(
      failing
    )
    expect(core.warnings()).toHaveLength(1)
    expect(core.warnings()[0]).toMatch(
      /Could not check who applied the override label.*The verdict stays FAIL\.$/
    )
  })
})

describe('applyOverrideFromEvent', () => {
  const payload = (labels: string[]) => ({
    pull_request: {
      number: 7,
      labels: labels.map((name) => ({ name })),
      head: { sha: 'h', repo: { full_name: 'mallory/r' } },
      base: { sha: 'b', repo: { full_name: 'o/r' } }
    }
  })

  it('takes the labels from the event, even on a fork (reads only)', async () => {
    const { octokit, state } = fakeGitHub({
      events: [labeled('alice')],
      permissions: { alice: { permission: 'admin', role_name: 'admin' } }
    })
    const context = {
      eventName: 'pull_request',
      payload: payload([label]),
      repo: { owner: 'o', repo: 'r' }
    }
    const result = await applyOverrideFromEvent(report([invisible]), {
      token: 't',
      label,
      pullNumber: 7,
      context,
      client: octokit
    })
    expect(result.verdict).toBe('warn')
    expect(state.calls).toEqual(['listEvents', 'getPermission'])
  })

  it('does nothing without a pull request', async () => {
    const failing = report([invisible])
    const context = { eventName: 'push', payload: {}, repo: { owner: 'o', repo: 'r' } }
    expect(
      await applyOverrideFromEvent(failing, { token: 't', label, pullNumber: undefined, context })
    ).toBe(failing)
  })
})
