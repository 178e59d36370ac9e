import type { RpcErrorCode } from '@eventmart/contracts';

/** A failure of a user use case that its caller should see, with the code the gateway maps. */
export class UserError extends Error {
  override readonly name = 'UserError';

  constructor(
    readonly code: Extract<RpcErrorCode, 'CONFLICT' | 'UNAUTHORIZED' | 'NOT_FOUND'>,
    message: string,
  ) {
    super(message);
  }
}

// One message for an unknown e-mail and a wrong password, so a login does not tell which
// addresses have an account.
export const wrongCredentials = (): UserError =>
  new UserError('UNAUTHORIZED', 'wrong email or password');

export const invalidToken = (): UserError =>
  new UserError('UNAUTHORIZED', 'the access token is invalid or expired');

export const emailTaken = (): UserError =>
  new UserError('CONFLICT', 'an account with this email already exists');

export const userNotFound = (userId: string): UserError =>
  new UserError('NOT_FOUND', `user ${userId} not found`);
