import { Rpc } from '@eventmart/contracts';
import { InjectDb } from '@eventmart/nestjs';
import type { Db } from '@eventmart/eventing';
import { Injectable } from '@nestjs/common';
import { UserError } from '../domain/user.errors.js';
import type { User } from '../domain/user.js';
import { PasswordHasher } from './password-hasher.port.js';
import { RegisterUser } from './register-user.command.js';
import { UserRepository } from './user.repository.port.js';

/** The administrator account the launcher sets up at every start. */
@Injectable()
export class AdminAccounts {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly register: RegisterUser,
  ) {}

  /**
   * Creates the admin account, or keeps the one there: safe to call at every start. An
   * existing account with this e-mail is made admin only if the password matches, so that
   * whoever registered the address first (with another password) does not become admin.
   * The stored password is never replaced: change it through the account, not the launcher.
   */
  async ensureAdmin(email: string, password: string, name: string): Promise<User> {
    const request = Rpc.registerUser.request.safeParse({ email, password, name });
    if (!request.success) {
      throw new Error(`invalid admin account settings: ${request.error.issues[0]?.message ?? ''}`);
    }
    // Two attempts: a registration of the same address may land between our read and insert.
    for (let attempt = 1; ; attempt += 1) {
      const existing = await this.users.findByEmail(this.db, email.trim());
      if (existing !== undefined) return this.promote(existing, password);
      try {
        return await this.register.execute(request.data, 'admin');
      } catch (error) {
        if (!(error instanceof UserError && error.code === 'CONFLICT') || attempt >= 2) throw error;
      }
    }
  }

  private async promote(user: User, password: string): Promise<User> {
    if (!(await this.hasher.verify(user.passwordHash, password))) {
      throw new Error(
        `an account ${user.email} already exists with another password: refusing to make it admin`,
      );
    }
    if (user.role === 'admin') return user;
    await this.users.setRole(this.db, user.id, 'admin');
    return { ...user, role: 'admin' };
  }
}
