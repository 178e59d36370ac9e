import type { ColumnType } from 'kysely';
import type { UserRole } from '../domain/user.js';

/** The tables of migrations/0001_user.sql, as Kysely sees them. */
export interface UserTables {
  users: {
    id: string;
    email: string;
    name: string;
    password_hash: string;
    role: UserRole;
    created_at: ColumnType<Date, Date | undefined, never>;
  };
}
