import { InjectDb } from '@eventmart/nestjs';
import type { Db } from '@eventmart/eventing';
import { Injectable } from '@nestjs/common';
import { invalidToken } from '../domain/user.errors.js';
import type { User } from '../domain/user.js';
import { AccessTokens } from './access-tokens.port.js';
import { UserRepository } from './user.repository.port.js';

/** The account behind an access token (what the gateway's auth guard asks for). */
@Injectable()
export class VerifyToken {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly users: UserRepository,
    private readonly tokens: AccessTokens,
  ) {}

  /**
   * UNAUTHORIZED for a token that is not valid now, or whose user no longer exists. The
   * account is read from the database, so its role is the current one, not the token's.
   */
  async execute(token: string): Promise<User> {
    const claims = await this.tokens.verify(token);
    if (claims === undefined) throw invalidToken();
    const user = await this.users.findById(this.db, claims.userId);
    if (user === undefined) throw invalidToken();
    return user;
  }
}
