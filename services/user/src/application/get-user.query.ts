import { InjectDb } from '@eventmart/nestjs';
import type { Db } from '@eventmart/eventing';
import { Injectable } from '@nestjs/common';
import { userNotFound } from '../domain/user.errors.js';
import type { User } from '../domain/user.js';
import { UserRepository } from './user.repository.port.js';

@Injectable()
export class GetUser {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly users: UserRepository,
  ) {}

  /** NOT_FOUND when no account has this id. */
  async execute(userId: string): Promise<User> {
    const user = await this.users.findById(this.db, userId);
    if (user === undefined) throw userNotFound(userId);
    return user;
  }
}
