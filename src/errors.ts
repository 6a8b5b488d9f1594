/**
 * A mistake the user can fix (bad argument, invalid policy, unknown ref). The CLI prints only its
 * message and exits 2; anything else that escapes is a bug and keeps its stack trace.
 */
export class UserError extends Error {
  constructor(
    message: string,
    /** What to do about it, printed on its own line. */
    readonly hint?: string
  ) {
    super(message)
    this.name = 'UserError'
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError
}
