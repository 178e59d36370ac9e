import type { PGlite } from '@electric-sql/pglite';
import type { DatabaseLogger, Notifier } from '../database.js';
import { ChannelListeners } from '../support/channel-listeners.js';
import { quoteIdentifier } from '../support/identifiers.js';
import type { PglitePool } from './pglite-pool.js';

/**
 * LISTEN/NOTIFY on PGlite. LISTEN and UNLISTEN take the pool's one connection like any query,
 * so they never land inside someone else's transaction (where a rollback would undo them).
 * Every notification comes from this process and is delivered with the COMMIT's response.
 */
export class PgliteNotifier implements Notifier {
  readonly #listeners: ChannelListeners;
  readonly #stopDispatching: () => void;

  constructor(pglite: PGlite, pool: PglitePool, logger?: DatabaseLogger) {
    const run = async (statement: string): Promise<void> => {
      const client = await pool.connect();
      try {
        await client.query(statement, []);
      } finally {
        client.release();
      }
    };
    this.#listeners = new ChannelListeners(
      {
        listen: (channel) => run(`LISTEN ${quoteIdentifier(channel)}`),
        unlisten: (channel) => run(`UNLISTEN ${quoteIdentifier(channel)}`),
      },
      logger,
    );
    this.#stopDispatching = pglite.onNotification((channel, payload) =>
      this.#listeners.dispatch(channel, payload),
    );
  }

  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    return this.#listeners.listen(channel, onNotify);
  }

  close(): void {
    this.#stopDispatching();
  }
}
