import type { OutgoingMessage, SqlDatabase, Transport } from '@eventmart/eventing';
import { sql } from 'kysely';
import { BACKEND_SERVICES } from '../system/distributed-shop.js';
import type { FaultLog } from './fault-log.js';

interface SentRow {
  readonly tx: string;
  readonly seq: string;
  readonly sent: boolean;
  readonly type: string;
  readonly topic: string;
  readonly key: string;
  readonly headers: Record<string, string>;
  readonly payload: string;
}

/**
 * Every event delivered twice: re-publishes each outbox row that its service's relay has sent,
 * as it is (topic, key, headers, value: the outbox row holds the whole message), through the
 * shop's transport, so a real duplicate reaches every consumer of the live topic after the
 * original. Each service's outbox is read in the relay's order, (tx_id, seq), below the oldest
 * transaction still running, so a row that commits late is never skipped.
 */
export class DuplicateDelivery {
  /** Per service: the (tx_id, seq) of the last row re-published. */
  private readonly cursors = new Map<string, { tx: string; seq: string }>();
  /** Re-published messages per event type. */
  readonly byType = new Map<string, number>();

  constructor(
    private readonly database: SqlDatabase,
    private readonly transport: Transport,
    private readonly log: FaultLog,
  ) {}

  get total(): number {
    return [...this.byType.values()].reduce((sum, n) => sum + n, 0);
  }

  /** Re-publishes what was sent since the last sweep; answers how many messages. */
  readonly sweep = async (): Promise<number> => {
    const counts = new Map<string, number>();
    try {
      for (const service of BACKEND_SERVICES) {
        for (let published = 1; published > 0;) {
          published = await this.sweepOnce(service);
          if (published > 0) counts.set(service, (counts.get(service) ?? 0) + published);
        }
      }
    } finally {
      // What went out before a failure went out: it counts.
      const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
      const per = [...counts].map(([service, n]) => `${service} ${String(n)}`).join(', ');
      if (total > 0)
        this.log.record('duplicates', `re-published ${String(total)} sent events (${per})`, total);
    }
    return [...counts.values()].reduce((sum, n) => sum + n, 0);
  };

  private async sweepOnce(service: string): Promise<number> {
    const cursor = this.cursors.get(service) ?? { tx: '0', seq: '0' };
    const rows = await sql<SentRow>`
      SELECT tx_id::text AS tx, seq::text AS seq, sent_at IS NOT NULL AS sent, event_type AS type,
        topic, message_key AS key, headers, payload
      FROM ${sql.table(`${service}.outbox`)}
      WHERE (tx_id, seq) > (${cursor.tx}::xid8, ${cursor.seq}::bigint)
        AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY tx_id, seq LIMIT 500`.execute(this.database.db);
    const firstUnsent = rows.rows.findIndex((row) => !row.sent);
    const sent = firstUnsent === -1 ? rows.rows : rows.rows.slice(0, firstUnsent);
    const last = sent.at(-1);
    if (last === undefined) return 0;
    const messages: OutgoingMessage[] = sent.map((row) => ({
      topic: row.topic,
      key: row.key,
      headers: row.headers,
      value: row.payload,
    }));
    await this.transport.publish(messages);
    this.cursors.set(service, { tx: last.tx, seq: last.seq });
    for (const row of sent) this.byType.set(row.type, (this.byType.get(row.type) ?? 0) + 1);
    return sent.length;
  }
}
