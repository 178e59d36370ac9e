import type { Db, Tx } from '@eventmart/eventing';
import { Injectable } from '@nestjs/common';
import { sql, type Kysely, type Selectable } from 'kysely';
import { validate as isUuid } from 'uuid';
import { UserRepository } from '../application/user.repository.port.js';
import type { User, UserRole } from '../domain/user.js';
import type { UserTables } from './user.tables.js';

type Row = Selectable<UserTables['users']>;

const toUser = (row: Row): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  passwordHash: row.password_hash,
  createdAt: row.created_at,
});

@Injectable()
export class KyselyUserRepository extends UserRepository {
  async insert(db: Db | Tx, user: User): Promise<boolean> {
    const inserted = await tables(db)
      .insertInto('users')
      .values({
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        password_hash: user.passwordHash,
        created_at: user.createdAt,
      })
      // The only unique keys are the id (fresh) and lower(email): a conflict is the e-mail.
      .onConflict((conflict) => conflict.doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async findByEmail(db: Db | Tx, email: string): Promise<User | undefined> {
    const row = await tables(db)
      .selectFrom('users')
      .selectAll()
      .where(sql<string>`lower(email)`, '=', sql<string>`lower(${email})`)
      .executeTakeFirst();
    return row && toUser(row);
  }

  async findById(db: Db | Tx, id: string): Promise<User | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await tables(db)
      .selectFrom('users')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toUser(row);
  }

  async setRole(db: Db | Tx, id: string, role: UserRole): Promise<void> {
    await tables(db).updateTable('users').set({ role }).where('id', '=', id).execute();
  }
}

const tables = (db: Db | Tx): Kysely<UserTables> => db as Kysely<UserTables>;
