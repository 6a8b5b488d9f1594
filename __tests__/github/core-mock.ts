/**
 * A typed stand-in for @actions/core, registered with jest.unstable_mockModule. Call it before
 * the dynamic import of the module under test.
 */
import { jest } from '@jest/globals'
import type * as core from '@actions/core'

export interface CoreMock {
  warning: jest.Mock<typeof core.warning>
  info: jest.Mock<typeof core.info>
  setOutput: jest.Mock<typeof core.setOutput>
  getInput: jest.Mock<typeof core.getInput>
  warnings: () => string[]
}

export function mockCore(): CoreMock {
  const mock = {
    warning: jest.fn<typeof core.warning>(),
    info: jest.fn<typeof core.info>(),
    debug: jest.fn<typeof core.debug>(),
    error: jest.fn<typeof core.error>(),
    notice: jest.fn<typeof core.notice>(),
    setOutput: jest.fn<typeof core.setOutput>(),
    getInput: jest.fn<typeof core.getInput>(() => ''),
    summary: { addRaw: () => ({ write: async () => undefined }) }
  }
  jest.unstable_mockModule('@actions/core', () => mock)
  return {
    ...mock,
    warnings: () => mock.warning.mock.calls.map(([message]) => String(message))
  }
}
