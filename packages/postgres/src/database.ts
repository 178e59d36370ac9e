import type { Kysely } from 'kysely';

// The same shapes as the eventing core's port (packages/eventing/src/sql/database.port.ts),
// declared here so this package does not depend on the core: structural typing makes an
// opened database usable wherever the core asks for its SqlDatabase.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each module types its own tables
export type Db = Kysely<any>;

/**
 * PostgreSQL LISTEN/NOTIFY, or what stands in for it.
 * A notification is a hint to look again, never data: it may be lost (then polling finds the
 * change), and it arrives only after the notifying transaction committed.
 */
export interface Notifier {
  /** Calls onNotify for every notification on the channel until the returned function runs. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
}

/** One opened database: what this package hands to the rest of the system. */
export interface SqlDatabase {
  readonly db: Db;
  readonly notifier: Notifier;
  /** 'pglite' is one in-process connection; 'postgres' is a pool on a real server. */
  readonly dialect: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/** Where this package reports what it recovers from (a lost connection, a failing listener). */
export interface DatabaseLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
}
