import { randomUUID } from 'node:crypto';
import type { Rpc, RpcRequest } from '@eventmart/contracts';
import { InjectDb } from '@eventmart/nestjs';
import type { Db } from '@eventmart/eventing';
import { Injectable } from '@nestjs/common';
import { wrongCredentials } from '../domain/user.errors.js';
import type { User } from '../domain/user.js';
import { AccessTokens } from './access-tokens.port.js';
import { PasswordHasher } from './password-hasher.port.js';
import { UserRepository } from './user.repository.port.js';

export interface LoggedIn {
  readonly accessToken: string;
  readonly user: User;
}

/** Checks an e-mail and password and answers an access token. */
@Injectable()
export class Login {
  private decoy: Promise<string> | undefined;

  constructor(
    @InjectDb() private readonly db: Db,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccessTokens,
  ) {}

  /** UNAUTHORIZED, with the same message, for an unknown e-mail and for a wrong password. */
  async execute(credentials: RpcRequest<typeof Rpc.login>): Promise<LoggedIn> {
    const user = await this.users.findByEmail(this.db, credentials.email.trim());
    if (user === undefined) {
      // Spend the time a real check takes, so the answer's delay does not reveal
      // whether the address has an account.
      await this.hasher.verify(await this.decoyHash(), credentials.password);
      throw wrongCredentials();
    }
    if (!(await this.hasher.verify(user.passwordHash, credentials.password)))
      throw wrongCredentials();
    const accessToken = await this.tokens.issue({ userId: user.id, role: user.role });
    return { accessToken, user };
  }

  private decoyHash(): Promise<string> {
    this.decoy ??= this.hasher.hash(randomUUID());
    return this.decoy;
  }
}
