import type { Kysely, Transaction } from 'kysely';

/**
 * A Kysely instance over PGlite or node-postgres (see @eventmart/postgres). Tables are those
 * of the schema the caller scoped it to with `withSchema`; the core does not care which.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each module types its own tables
export type Db = Kysely<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see Db
export type Tx = Transaction<any>;

/**
 * PostgreSQL LISTEN/NOTIFY, or what stands in for it.
 * A notification is a hint to look again, never data: it may be lost (then polling finds the
 * change), and it arrives only after the notifying transaction committed.
 */
export interface Notifier {
  /** Calls onNotify for every notification on the channel until the returned function runs. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
}

/** One opened database: what @eventmart/postgres hands to the rest of the system. */
export interface SqlDatabase {
  readonly db: Db;
  readonly notifier: Notifier;
  /** 'pglite' is one in-process connection; 'postgres' is a pool on a real server. */
  readonly dialect: 'pglite' | 'postgres';
  close(): Promise<void>;
}
