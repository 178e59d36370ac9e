import pg from 'pg';
import type { DatabaseLogger, Notifier } from '../database.js';
import { reconnectDelay, sleep } from '../support/backoff.js';
import { ChannelListeners } from '../support/channel-listeners.js';
import { quoteIdentifier } from '../support/identifiers.js';

export interface PgNotifierOptions {
  readonly url: string;
  readonly applicationName?: string;
  readonly logger?: DatabaseLogger;
  /** Waits between reconnect attempts. Default 100 ms doubling up to 5 s. */
  readonly reconnect?: { readonly initialMs: number; readonly maxMs: number };
}

/**
 * LISTEN/NOTIFY over one dedicated connection (pooled connections cannot hold a LISTEN),
 * opened on the first `listen`. If the connection is lost, it reconnects with backoff and
 * LISTENs every channel again; notifications sent meanwhile are lost, as the port allows.
 * `listen` rejects when the first connection or its LISTEN fails; during a reconnect it
 * resolves at once and the reconnect subscribes the channel.
 */
export class PgNotifier implements Notifier {
  readonly #listeners: ChannelListeners;
  readonly #closing = new AbortController();
  #client: pg.Client | undefined;
  #reconnecting = false;

  constructor(private readonly options: PgNotifierOptions) {
    this.#listeners = new ChannelListeners(
      {
        listen: (channel) => this.#listen(channel),
        unlisten: (channel) => this.#unlisten(channel),
      },
      options.logger,
    );
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    if (this.#closing.signal.aborted) throw new Error('The notifier is closed');
    return await this.#listeners.listen(channel, onNotify);
  }

  async close(): Promise<void> {
    this.#closing.abort();
    await this.#listeners.whileUnchanged(() => this.#drop());
  }

  async #listen(channel: string): Promise<void> {
    if (this.#reconnecting) return;
    const client = this.#client ?? (await this.#connect());
    await client.query(`LISTEN ${quoteIdentifier(channel)}`);
  }

  async #unlisten(channel: string): Promise<void> {
    await this.#client?.query(`UNLISTEN ${quoteIdentifier(channel)}`);
  }

  /** Opens the connection and makes it the current one. */
  async #connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.options.url,
      application_name: this.options.applicationName,
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
    });
    // Until connected, failures reach us through connect(); afterwards through #lost.
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client));
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.#closing.signal.aborted) {
      await client.end();
      throw new Error('The notifier is closed');
    }
    client.on('notification', (message) =>
      this.#listeners.dispatch(message.channel, message.payload ?? ''),
    );
    this.#client = client;
    return client;
  }

  #lost(client: pg.Client, error?: Error): void {
    if (this.#client !== client) return;
    this.#client = undefined;
    void client.end().catch(() => undefined);
    if (this.#closing.signal.aborted) return;
    this.options.logger?.warn('Lost the LISTEN connection, reconnecting', { error });
    if (!this.#reconnecting) void this.#reconnect();
  }

  async #reconnect(): Promise<void> {
    this.#reconnecting = true;
    const limits = this.options.reconnect ?? { initialMs: 100, maxMs: 5_000 };
    try {
      for (let attempt = 1; ; attempt++) {
        await sleep(reconnectDelay(attempt, limits), this.#closing.signal);
        if (this.#closing.signal.aborted) return;
        try {
          await this.#listeners.whileUnchanged(async (channels) => {
            const client = await this.#connect();
            for (const channel of channels) {
              await client.query(`LISTEN ${quoteIdentifier(channel)}`);
            }
          });
          // Still current: nothing was lost while subscribing.
          if (this.#client !== undefined) return;
        } catch (error) {
          await this.#drop();
          if (this.#closing.signal.aborted) return;
          this.options.logger?.warn('Reconnecting the LISTEN connection failed', {
            attempt,
            error,
          });
        }
      }
    } finally {
      this.#reconnecting = false;
    }
  }

  async #drop(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }
}
