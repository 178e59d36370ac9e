import { afterAll } from 'vitest';
import type {
  MessageHandler,
  OutgoingMessage,
  SubscribeOptions,
  Subscription,
  Transport,
} from '@eventmart/eventing';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '@eventmart/testing';
import { transportConformance } from '@eventmart/transport-conformance';
import { PgLogTransport, type PgLogTransportOptions } from './pg-log-transport.js';

const options: PgLogTransportOptions = {
  pollIntervalMs: 100,
  leaseMs: 3_000,
  redelivery: { initialMs: 20, maxMs: 200 },
};

/**
 * Three transports, each with its own pool, standing in for three processes: publishes go
 * through the first, subscriptions are dealt round-robin, so the members of a group the suite
 * creates sit in different "processes" and coordinate through the database only.
 */
class ThreeProcesses implements Transport {
  readonly name = 'pg-log';
  readonly capabilities;
  private next = 0;

  constructor(private readonly processes: readonly [PgLogTransport, ...PgLogTransport[]]) {
    this.capabilities = processes[0].capabilities;
  }

  static async open(url: string): Promise<ThreeProcesses> {
    const open = () => PgLogTransport.open({ url, poolSize: 3 }, options);
    return new ThreeProcesses([await open(), await open(), await open()]);
  }

  publish(messages: readonly OutgoingMessage[]): Promise<void> {
    return this.processes[0].publish(messages);
  }

  subscribe(subscribeOptions: SubscribeOptions, handler: MessageHandler): Promise<Subscription> {
    const process = this.processes[this.next++ % this.processes.length] ?? this.processes[0];
    return process.subscribe(subscribeOptions, handler);
  }

  async close(): Promise<void> {
    await Promise.all(this.processes.map((process) => process.close()));
  }
}

describeWithPostgres('pg-log on PostgreSQL', () => {
  let server: Promise<TestDatabase> | undefined;
  afterAll(async () => {
    await (await server)?.drop();
  });

  transportConformance(
    'pg-log on PostgreSQL, three processes',
    async () => {
      const { url } = await (server ??= createTestDatabase('pg_log_conformance'));
      return {
        transport: await ThreeProcesses.open(url),
        reopen: () => ThreeProcesses.open(url),
        cleanup: async () => {},
      };
    },
    { consumerGroups: true, perKeyOrder: true, persistent: true },
  );
});
