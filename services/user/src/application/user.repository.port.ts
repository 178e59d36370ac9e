import type { Db, Tx } from '@eventmart/eventing';
import type { User, UserRole } from '../domain/user.js';

/** The service's accounts. Each method runs on the handle it is given (a transaction or not). */
export abstract class UserRepository {
  /** Inserts the account; false when another one already has this e-mail, whatever its case. */
  abstract insert(db: Db | Tx, user: User): Promise<boolean>;

  /** The account with this e-mail, compared case-insensitively. */
  abstract findByEmail(db: Db | Tx, email: string): Promise<User | undefined>;

  /** The account with this id; undefined for an id that is not one of ours (not a UUID). */
  abstract findById(db: Db | Tx, id: string): Promise<User | undefined>;

  abstract setRole(db: Db | Tx, id: string, role: UserRole): Promise<void>;
}
