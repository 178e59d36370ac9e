import type { SqlDatabase } from '@eventmart/eventing';
import { Kafka, logLevel } from 'kafkajs';
import { sql } from 'kysely';
import { waitForConsumersToCatchUp } from '../../e2e/support/shop.js';
import { consumedTopics } from './consumed-topics.js';

const SCHEMAS = ['user', 'order', 'inventory', 'payment', 'fulfillment', 'notification'];

/** Every service's relay has sent everything its outbox holds. */
async function outboxesDrained(database: SqlDatabase): Promise<boolean> {
  const unsent = sql.join(
    SCHEMAS.map(
      (schema) =>
        sql`SELECT count(*) AS n FROM ${sql.table(`${schema}.outbox`)} WHERE sent_at IS NULL`,
    ),
    sql` UNION ALL `,
  );
  const rows = await sql<{ n: string }>`SELECT sum(n) AS n FROM (${unsent}) AS unsent`.execute(
    database.db,
  );
  return Number(rows.rows[0]?.n ?? 0) === 0;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} after ${String(timeoutMs)} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** On the Postgres event log: everything written was sent, and every group has read it. */
export async function settledOnEventLog(database: SqlDatabase): Promise<void> {
  await until(() => outboxesDrained(database), 'outboxes still hold unsent events');
  await waitForConsumersToCatchUp({ database });
}

/**
 * On Kafka: everything written was sent, and every service's consumer group has committed
 * the end of each partition of the topics its handlers read (offsets are committed at most
 * every KAFKA_COMMIT_INTERVAL_MS after the handler finished).
 */
export async function settledOnKafka(database: SqlDatabase, brokers: string[]): Promise<void> {
  await until(() => outboxesDrained(database), 'outboxes still hold unsent events');
  const groups = await consumedTopics();
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await until(async () => {
      for (const [groupId, topics] of groups) {
        if (topics.size === 0) continue;
        const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
        for (const { topic, partitions } of committed) {
          for (const { partition, high } of await admin.fetchTopicOffsets(topic)) {
            const at = partitions.find((p) => p.partition === partition)?.offset ?? '-1';
            if (Number(at) < Number(high) && high !== '0') return false;
          }
        }
      }
      return true;
    }, 'consumer groups are still behind');
  } finally {
    await admin.disconnect();
  }
}
