import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';

export interface UserModuleOptions {
  /**
   * The HS256 key of access tokens (the launcher passes JWT_SECRET). Every process that
   * verifies tokens needs the same one. Unset: a random key for this process only, with a
   * warning, as tokens then die with the process.
   */
  readonly jwtSecret?: string;
  /** Lifetime of an access token. Default 3600 (one hour). */
  readonly tokenTtlSeconds?: number;
}

export const DEFAULT_TOKEN_TTL_SECONDS = 3_600;
/** 256 bits: what HS256 (HMAC-SHA-256) needs for its full strength (RFC 7518, 3.2). */
const MIN_SECRET_BYTES = 32;

export function resolveJwtSecret(options: UserModuleOptions, logger: Logger): string {
  const { jwtSecret } = options;
  if (jwtSecret === undefined || jwtSecret === '') {
    logger.warn(
      'no JWT secret configured (JWT_SECRET): using a random one, so access tokens stop ' +
        'working at restart and no other process can verify them. Set it outside development.',
    );
    return randomBytes(MIN_SECRET_BYTES).toString('base64url');
  }
  if (Buffer.byteLength(jwtSecret) < MIN_SECRET_BYTES) {
    logger.warn(
      `the JWT secret is shorter than ${String(MIN_SECRET_BYTES)} bytes: tokens are easier ` +
        'to forge. Use a long random value.',
    );
  }
  return jwtSecret;
}

export function resolveTokenTtl(options: UserModuleOptions): number {
  const ttl = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl <= 0)
    throw new Error(`tokenTtlSeconds must be a positive whole number, got ${String(ttl)}`);
  return ttl;
}
