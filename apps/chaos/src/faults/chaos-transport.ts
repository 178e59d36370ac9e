import type { SqlDatabase, Transport } from '@eventmart/eventing';
import { eventLogOptions, text, type Env } from '@eventmart/distributed';
import { KafkaTransport, kafkaConfigFromEnv } from '@eventmart/transport-kafka';
import { PgLogTransport } from '@eventmart/transport-pg-log';

/**
 * The harness's own connection to the shop's bus, configured from the same variables as the
 * services (Kafka when KAFKA_BROKERS is set, else the Postgres event log on the harness's
 * pool), to put duplicates and poison on the live topics. It only publishes; it creates no
 * topics and joins no group.
 */
export async function openChaosTransport(env: Env, database: SqlDatabase): Promise<Transport> {
  if (text(env, 'KAFKA_BROKERS') !== undefined) {
    return await KafkaTransport.open({
      ...kafkaConfigFromEnv(env),
      clientId: 'eventmart-chaos',
      provisioning: false,
    });
  }
  const transport = new PgLogTransport(database, { ...eventLogOptions(env), migrate: false });
  await transport.whenReady();
  return transport;
}
