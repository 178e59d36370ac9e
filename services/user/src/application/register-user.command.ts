import { Rpc, UserRegistered, type RpcRequest } from '@eventmart/contracts';
import { EventPublisher } from '@eventmart/eventing';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { emailTaken } from '../domain/user.errors.js';
import type { User, UserRole } from '../domain/user.js';
import { PasswordHasher } from './password-hasher.port.js';
import { UserRepository } from './user.repository.port.js';

export type Registration = RpcRequest<typeof Rpc.registerUser>;

/** Creates an account and publishes user.registered with it, in one transaction. */
@Injectable()
export class RegisterUser {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  /** CONFLICT when the e-mail has an account already, in any letter case. */
  async execute(registration: Registration, role: UserRole = 'customer'): Promise<User> {
    // Hashed before the transaction opens: the hash is deliberately slow, and the
    // transaction would hold a database connection (on PGlite, the only one) meanwhile.
    const passwordHash = await this.hasher.hash(registration.password);
    const user: User = {
      id: uuidv7(),
      email: registration.email.trim(),
      name: registration.name.trim(),
      role,
      passwordHash,
      createdAt: new Date(),
    };
    return this.publisher.unitOfWork(async (tx, context) => {
      if (!(await this.users.insert(tx, user))) throw emailTaken();
      await this.publisher.publish(
        UserRegistered,
        { userId: user.id, email: user.email, name: user.name },
        { subject: user.id, context },
      );
      return user;
    });
  }
}
