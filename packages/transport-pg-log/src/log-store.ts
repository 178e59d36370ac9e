import { sql, type RawBuilder } from 'kysely';
import type { Db } from '@eventmart/eventing';

/** A place in one partition of the log: rows are read in (tx_id, seq) order. */
export interface Position {
  readonly txId: string;
  readonly seq: string;
}

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

export interface NewRow extends TopicPartition {
  readonly key: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly value: string;
}

export interface LogRow extends Omit<NewRow, 'headers'>, Position {
  /** As stored: our publisher writes an object of strings, another writer may write any JSON. */
  readonly headers: unknown;
  /** Below the oldest running transaction: no row can commit before it any more. */
  readonly visible: boolean;
}

export interface FetchRequest extends TopicPartition {
  readonly after: Position;
  readonly limit: number;
}

export interface Member {
  readonly memberId: string;
  readonly topics: readonly string[];
}

interface RowShape {
  topic: string;
  partition: number;
  seq: string;
  tx_id: string;
  message_key: string;
  headers: unknown;
  payload: string;
  visible: boolean;
}

/**
 * Every statement the transport runs on its schema. Lists travel as one jsonb parameter,
 * which node-postgres and PGlite both pass the same way.
 */
export class LogStore {
  constructor(
    private readonly db: Db,
    readonly schema: string,
  ) {}

  /** Inserts the rows in the given order and notifies, all in one transaction. */
  async append(rows: readonly NewRow[], channel: string, chunkSize = 1_000): Promise<void> {
    const topics = JSON.stringify([...new Set(rows.map((row) => row.topic))]);
    await this.db.transaction().execute(async (tx) => {
      for (let start = 0; start < rows.length; start += chunkSize) {
        const chunk = JSON.stringify(rows.slice(start, start + chunkSize));
        // WITH ORDINALITY keeps the order given, so seq follows it within the transaction.
        await sql`
          INSERT INTO ${this.table('messages')} (topic, partition, message_key, headers, payload)
          SELECT r.row->>'topic', (r.row->>'partition')::integer, r.row->>'key', r.row->'headers', r.row->>'value'
          FROM jsonb_array_elements(${chunk}::jsonb) WITH ORDINALITY AS r(row, n)
          ORDER BY r.n`.execute(tx);
      }
      await sql`SELECT pg_notify(${channel}, t) FROM jsonb_array_elements_text(${topics}::jsonb) AS t`.execute(
        tx,
      );
    });
  }

  /**
   * Up to `limit` rows after each position, in (tx_id, seq) order. Rows that committed while
   * an older transaction still runs come back with `visible` false, after the visible ones:
   * the caller must not pass them yet, only look again soon.
   */
  async fetch(requests: readonly FetchRequest[]): Promise<LogRow[]> {
    if (requests.length === 0) return [];
    const list = JSON.stringify(
      requests.map((r) => ({
        topic: r.topic,
        partition: r.partition,
        tx_id: r.after.txId,
        seq: r.after.seq,
        lim: r.limit,
      })),
    );
    const result = await sql<RowShape>`
      WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
      SELECT p.topic, p.partition, m.seq::text AS seq, m.tx_id::text AS tx_id, m.message_key,
             m.headers, m.payload, m.tx_id < horizon.xmin AS visible
      FROM jsonb_to_recordset(${list}::jsonb) AS p(topic text, partition integer, tx_id text, seq bigint, lim integer)
      CROSS JOIN horizon
      CROSS JOIN LATERAL (
        SELECT seq, tx_id, message_key, headers, payload
        FROM ${this.table('messages')} m
        WHERE m.topic = p.topic AND m.partition = p.partition
          AND (m.tx_id, m.seq) > (p.tx_id::xid8, p.seq)
        ORDER BY m.tx_id, m.seq
        LIMIT p.lim
      ) m
      ORDER BY p.topic, p.partition, m.tx_id, m.seq`.execute(this.db);
    return result.rows.map((row) => ({
      topic: row.topic,
      partition: row.partition,
      key: row.message_key,
      headers: row.headers,
      value: row.payload,
      txId: row.tx_id,
      seq: row.seq,
      visible: row.visible,
    }));
  }

  /**
   * Creates the group's position rows that do not exist yet: at the start of the log, or for
   * 'latest' after the newest row of the partition at this moment. Existing rows stay as they are.
   */
  async createPositions(
    group: string,
    topics: readonly string[],
    partitions: number,
    startFrom: 'earliest' | 'latest',
  ): Promise<void> {
    await sql`
      INSERT INTO ${this.table('group_partitions')} (group_name, topic, partition, tx_id, seq)
      SELECT ${group}, t.topic, p.partition, coalesce(last.tx_id, '0'::xid8), coalesce(last.seq, 0)
      FROM jsonb_array_elements_text(${JSON.stringify(topics)}::jsonb) AS t(topic)
      CROSS JOIN generate_series(0, ${partitions - 1}::integer) AS p(partition)
      LEFT JOIN LATERAL (
        SELECT m.tx_id, m.seq FROM ${this.table('messages')} m
        WHERE ${sql.lit(startFrom === 'latest')} AND m.topic = t.topic AND m.partition = p.partition
        ORDER BY m.tx_id DESC, m.seq DESC
        LIMIT 1
      ) last ON true
      ON CONFLICT (group_name, topic, partition) DO NOTHING`.execute(this.db);
  }

  /** Records that the member is alive, forgets members silent for `timeoutMs`, lists the rest. */
  async heartbeat(group: string, member: Member, timeoutMs: number): Promise<Member[]> {
    // One statement: a member that waits for the database must not also wait three times.
    // The parts see the same snapshot, so the member itself comes from the upsert's RETURNING.
    const result = await sql<{ member_id: string; topics: string[] }>`
      WITH me AS (
        INSERT INTO ${this.table('group_members')} (group_name, member_id, topics)
        SELECT ${group}, ${member.memberId},
               array(SELECT jsonb_array_elements_text(${JSON.stringify(member.topics)}::jsonb))
        ON CONFLICT (group_name, member_id) DO UPDATE SET heartbeat_at = now()
        RETURNING member_id, topics
      ), gone AS (
        DELETE FROM ${this.table('group_members')}
        WHERE group_name = ${group} AND member_id <> ${member.memberId}
          AND heartbeat_at < now() - ${interval(timeoutMs)}
      )
      SELECT member_id, topics FROM me
      UNION ALL
      SELECT member_id, topics FROM ${this.table('group_members')}
      WHERE group_name = ${group} AND member_id <> ${member.memberId}
        AND heartbeat_at >= now() - ${interval(timeoutMs)}`.execute(this.db);
    return result.rows.map((row) => ({ memberId: row.member_id, topics: row.topics }));
  }

  async leave(group: string, memberId: string): Promise<void> {
    await sql`
      DELETE FROM ${this.table('group_members')}
      WHERE group_name = ${group} AND member_id = ${memberId}`.execute(this.db);
  }

  /**
   * Takes or renews the lease on each partition that is free, already the member's, or whose
   * lease ran out. Returns those the member now holds, with their stored positions.
   */
  async claim(
    group: string,
    memberId: string,
    wanted: readonly TopicPartition[],
    leaseMs: number,
  ): Promise<(TopicPartition & Position)[]> {
    if (wanted.length === 0) return [];
    const result = await sql<{ topic: string; partition: number; tx_id: string; seq: string }>`
      UPDATE ${this.table('group_partitions')} g
      SET owner = ${memberId}, lease_until = now() + ${interval(leaseMs)}
      FROM jsonb_to_recordset(${JSON.stringify(wanted)}::jsonb) AS w(topic text, partition integer)
      WHERE g.group_name = ${group} AND g.topic = w.topic AND g.partition = w.partition
        AND (g.owner IS NULL OR g.owner = ${memberId} OR g.lease_until < now())
      RETURNING g.topic, g.partition, g.tx_id::text AS tx_id, g.seq::text AS seq`.execute(this.db);
    return result.rows.map((row) => ({
      topic: row.topic,
      partition: row.partition,
      txId: row.tx_id,
      seq: row.seq,
    }));
  }

  /**
   * Moves positions forward, only where the member still owns the partition: one that lost
   * its lease cannot move what another member now reads. Returns the partitions written.
   */
  async storePositions(
    group: string,
    memberId: string,
    positions: readonly (TopicPartition & Position)[],
  ): Promise<TopicPartition[]> {
    if (positions.length === 0) return [];
    const list = JSON.stringify(
      positions.map((p) => ({ topic: p.topic, partition: p.partition, tx_id: p.txId, seq: p.seq })),
    );
    const result = await sql<TopicPartition>`
      UPDATE ${this.table('group_partitions')} g
      SET tx_id = p.tx_id::xid8, seq = p.seq
      FROM jsonb_to_recordset(${list}::jsonb) AS p(topic text, partition integer, tx_id text, seq bigint)
      WHERE g.group_name = ${group} AND g.topic = p.topic AND g.partition = p.partition
        AND g.owner = ${memberId}
      RETURNING g.topic, g.partition`.execute(this.db);
    return result.rows;
  }

  async release(
    group: string,
    memberId: string,
    partitions: readonly TopicPartition[],
  ): Promise<void> {
    if (partitions.length === 0) return;
    await sql`
      UPDATE ${this.table('group_partitions')} g
      SET owner = NULL, lease_until = NULL
      FROM jsonb_to_recordset(${JSON.stringify(partitions)}::jsonb) AS r(topic text, partition integer)
      WHERE g.group_name = ${group} AND g.topic = r.topic AND g.partition = r.partition
        AND g.owner = ${memberId}`.execute(this.db);
  }

  async notify(channel: string, payload: string): Promise<void> {
    await sql`SELECT pg_notify(${channel}, ${payload})`.execute(this.db);
  }

  /** Stores the partition count on first use; returns the one every transport must use. */
  async agreePartitions(partitions: number): Promise<number> {
    await sql`
      INSERT INTO ${this.table('log_settings')} (name, value) VALUES ('partitions', ${String(partitions)})
      ON CONFLICT (name) DO NOTHING`.execute(this.db);
    const result = await sql<{ value: string }>`
      SELECT value FROM ${this.table('log_settings')} WHERE name = 'partitions'`.execute(this.db);
    return Number(result.rows[0]?.value ?? partitions);
  }

  /** Deletes rows published before `before` that every group's position is at or past. */
  async prune(before: Date): Promise<number> {
    const result = await sql`
      DELETE FROM ${this.table('messages')} m
      WHERE m.published_at < ${before}
        AND NOT EXISTS (
          SELECT 1 FROM ${this.table('group_partitions')} g
          WHERE g.topic = m.topic AND g.partition = m.partition AND (g.tx_id, g.seq) < (m.tx_id, m.seq)
        )`.execute(this.db);
    return Number(result.numAffectedRows ?? 0n);
  }

  private table(name: string): RawBuilder<unknown> {
    return sql.table(`${this.schema}.${name}`);
  }
}

function interval(ms: number): RawBuilder<unknown> {
  return sql`(${Math.round(ms)}::integer * interval '1 millisecond')`;
}
