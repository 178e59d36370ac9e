import { afterAll } from 'vitest';
import type { SqlDatabase } from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import { transportConformance } from '@eventmart/transport-conformance';
import { PgLogTransport, type PgLogTransportOptions } from './pg-log-transport.js';

// One PGlite for the whole suite, as one embedded process would have; every case gets a
// transport on it (each case uses topics and groups of its own).
let database: Promise<SqlDatabase> | undefined;
afterAll(async () => {
  await (await database)?.close();
});

const options: PgLogTransportOptions = {
  pollIntervalMs: 100,
  leaseMs: 3_000,
  redelivery: { initialMs: 20, maxMs: 200 },
};

transportConformance(
  'pg-log on PGlite',
  async () => {
    const opened = await (database ??= openDatabase({ dataDir: 'memory://' }));
    return {
      transport: new PgLogTransport(opened, options),
      reopen: () => Promise.resolve(new PgLogTransport(opened, options)),
      cleanup: async () => {},
    };
  },
  { consumerGroups: true, perKeyOrder: true, persistent: true },
);
