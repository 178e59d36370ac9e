import { Role } from '@eventmart/contracts';
import { SignJWT, jwtVerify } from 'jose';
import { AccessTokens, type AccessClaims } from '../application/access-tokens.port.js';

const ISSUER = 'eventmart-user';
const AUDIENCE = 'eventmart';

export interface JoseAccessTokensOptions {
  /** The HS256 key. Whoever holds it can mint tokens for any user. */
  readonly secret: string;
  readonly ttlSeconds: number;
  /** For tests: the time tokens are issued and checked at. */
  readonly now?: () => Date;
}

/** HS256 JWTs: `sub` is the user id, `role` their role, with issuer, audience and expiry. */
export class JoseAccessTokens extends AccessTokens {
  private readonly key: Uint8Array;
  private readonly now: () => Date;

  constructor(private readonly options: JoseAccessTokensOptions) {
    super();
    this.key = new TextEncoder().encode(options.secret);
    this.now = options.now ?? (() => new Date());
  }

  issue(claims: AccessClaims): Promise<string> {
    const issuedAt = Math.floor(this.now().getTime() / 1000);
    return new SignJWT({ role: claims.role })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.options.ttlSeconds)
      .sign(this.key);
  }

  async verify(token: string): Promise<AccessClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        // Pinned: a token cannot pick its own algorithm (`none`, or another key type).
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ['sub', 'exp'],
        currentDate: this.now(),
      });
      const role = Role.safeParse(payload.role);
      if (payload.sub === undefined || !role.success) return undefined;
      return { userId: payload.sub, role: role.data };
    } catch {
      return undefined;
    }
  }
}
