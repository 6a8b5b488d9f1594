import { UserError, isUserError } from '../src/errors.js'

describe('UserError', () => {
  it('is recognised and keeps its hint', () => {
    const error = new UserError('unknown ref "nope"', 'fetch it with fetch-depth: 0')
    expect(isUserError(error)).toBe(true)
    expect(isUserError(new Error('bug'))).toBe(false)
    expect(error.hint).toContain('fetch-depth')
  })
})
