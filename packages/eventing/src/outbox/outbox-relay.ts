import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { backoffDelay, type BackoffOptions } from '../support/backoff.js';
import { silentLogger, type Logger } from '../support/logger.js';
import { Wakeup } from '../support/wakeup.js';
import type { Db, Notifier } from '../sql/database.port.js';
import { eventingTables, type EventingTables } from '../sql/tables.js';
import type { OutgoingMessage } from '../transport/message.js';
import type { Transport } from '../transport/transport.port.js';
import { outboxChannel } from './outbox-writer.js';

export interface OutboxRelayOptions {
  readonly db: Db;
  readonly schema: string;
  readonly transport: Transport;
  readonly notifier?: Notifier;
  /** Most rows sent in one publish call. Default 500. */
  readonly batchSize?: number;
  /** Look for rows this often even without a notification. Default 1000 ms. */
  readonly pollIntervalMs?: number;
  /** How long a relay owns the outbox without renewing. Default 10 s; a publish must fit in it. */
  readonly leaseMs?: number;
  /** Delays after a failed publish. */
  readonly retry?: BackoffOptions;
  readonly logger?: Logger;
}

/**
 * Moves committed outbox rows to the transport, in commit-safe order, at least once.
 *
 * Only one relay per schema sends at a time: it must hold the lease row, renewed before every
 * batch. Rows are read only below the oldest transaction still running (pg_snapshot_xmin), in
 * (tx_id, seq) order, so a row whose transaction commits late is never overtaken by a later
 * one of the same key. A crash between publish and marking rows sent re-sends them after
 * restart: consumers deduplicate by event id (the inbox).
 */
export class OutboxRelay {
  readonly owner = uuidv7();
  private readonly db: Kysely<EventingTables>;
  private readonly wakeup = new Wakeup();
  private readonly logger: Logger;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private unlisten: (() => Promise<void>) | undefined;
  private sent = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.db = eventingTables(options.db, options.schema);
    this.logger = options.logger ?? silentLogger;
  }

  /** Rows this relay has handed to the transport since it started. */
  get sentCount(): number {
    return this.sent;
  }

  async start(): Promise<void> {
    if (this.loop !== undefined) return;
    if (this.options.notifier !== undefined) {
      this.unlisten = await this.options.notifier.listen(outboxChannel(this.options.schema), () =>
        this.wakeup.wake(),
      );
    }
    this.loop = this.run();
  }

  /** Finishes the batch in flight, gives the lease up so another replica takes over at once. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeup.wake();
    await this.loop;
    await this.unlisten?.();
    await this.db
      .deleteFrom('outbox_relay_lease')
      .where('name', '=', 'relay')
      .where('owner', '=', this.owner)
      .execute()
      .catch((error: unknown) =>
        this.logger.warn('could not release outbox lease', { error: String(error) }),
      );
  }

  /** Sends one batch if this relay holds the lease; returns how many rows it sent. */
  async relayOnce(): Promise<number> {
    if (!(await this.claimLease())) return 0;
    const rows = await this.db
      .selectFrom('outbox')
      .select(['seq', 'topic', 'message_key', 'headers', 'payload'])
      .where('sent_at', 'is', null)
      .where(sql<boolean>`tx_id < pg_snapshot_xmin(pg_current_snapshot())`)
      .orderBy('tx_id')
      .orderBy('seq')
      .limit(this.options.batchSize ?? 500)
      .execute();
    if (rows.length === 0) return 0;
    const messages: OutgoingMessage[] = rows.map((row) => ({
      topic: row.topic,
      key: row.message_key,
      headers: row.headers,
      value: row.payload,
    }));
    const seqs = rows.map((row) => row.seq);
    try {
      await this.options.transport.publish(messages);
    } catch (error) {
      await this.db
        .updateTable('outbox')
        .set({ last_error: String(error) })
        .where('seq', 'in', seqs)
        .execute()
        .catch(() => undefined);
      throw error;
    }
    await this.db
      .updateTable('outbox')
      .set((eb) => ({
        sent_at: new Date(),
        times_sent: eb('times_sent', '+', 1),
        last_error: null,
      }))
      .where('seq', 'in', seqs)
      .execute();
    this.sent += rows.length;
    return rows.length;
  }

  private async claimLease(): Promise<boolean> {
    const leaseMs = this.options.leaseMs ?? 10_000;
    const claimed = await sql<{ owner: string }>`
      INSERT INTO ${sql.table(`${this.options.schema}.outbox_relay_lease`)} (name, owner, expires_at)
      VALUES ('relay', ${this.owner}, now() + ${`${String(leaseMs)} milliseconds`}::interval)
      ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
      WHERE outbox_relay_lease.owner = EXCLUDED.owner OR outbox_relay_lease.expires_at < now()
      RETURNING owner`.execute(this.options.db);
    return claimed.rows.length === 1;
  }

  private async run(): Promise<void> {
    const poll = this.options.pollIntervalMs ?? 1000;
    let failures = 0;
    while (!this.stopping) {
      try {
        const count = await this.relayOnce();
        failures = 0;
        if (count === 0) await this.wakeup.wait(poll);
      } catch (error) {
        failures += 1;
        const delay = backoffDelay(
          failures,
          this.options.retry ?? { initialMs: 100, maxMs: 10_000 },
        );
        this.logger.warn('outbox relay failed; retrying', { error: String(error), delayMs: delay });
        await this.wakeup.wait(delay);
      }
    }
  }
}
