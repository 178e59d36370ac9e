import type { SqlDatabase, Transport } from '@eventmart/eventing';
import { nestLogger } from '@eventmart/nestjs';
import { PgLogTransport } from '@eventmart/transport-pg-log';
import { required, text, type Env } from '../config/env.js';
import { eventLogOptions } from '../config/event-log-config.js';

/**
 * The bus between the processes: Kafka when KAFKA_BROKERS is set (configured by the KAFKA_*
 * variables), otherwise the Postgres event log on EVENTLOG_DATABASE_URL, else DATABASE_URL,
 * so distributed mode also runs without a broker. `database` is the service's own (at
 * `databaseUrl`): a log on the same database shares its pool.
 */
export async function openTransport(
  env: Env,
  database: SqlDatabase,
  databaseUrl: string,
): Promise<Transport> {
  if (text(env, 'KAFKA_BROKERS') !== undefined) {
    // Loaded only when used: a run on the event log never loads the Kafka client.
    const { KafkaTransport, kafkaConfigFromEnv } = await import('@eventmart/transport-kafka');
    return KafkaTransport.open({ ...kafkaConfigFromEnv(env), logger: nestLogger('Kafka') });
  }
  const url =
    text(env, 'EVENTLOG_DATABASE_URL') ??
    required(env, 'DATABASE_URL', 'the Postgres event log is there when no Kafka is set');
  const options = { ...eventLogOptions(env), logger: nestLogger('EventLog') };
  if (url === databaseUrl) return new PgLogTransport(database, options);
  return PgLogTransport.open({ url, applicationName: 'eventmart-eventlog' }, options);
}
