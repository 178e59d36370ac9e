import type { UserRole } from '../domain/user.js';

export interface AccessClaims {
  readonly userId: string;
  readonly role: UserRole;
}

/** Signed, expiring access tokens (JWTs). */
export abstract class AccessTokens {
  /** A token naming the user and their role, valid for the configured lifetime. */
  abstract issue(claims: AccessClaims): Promise<string>;

  /**
   * The claims of a token this service signed and that has not expired; undefined for any
   * other token (bad signature, other algorithm, expired, malformed), never a throw.
   */
  abstract verify(token: string): Promise<AccessClaims | undefined>;
}
