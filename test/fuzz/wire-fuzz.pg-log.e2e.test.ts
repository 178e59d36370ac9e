import { settledOnEventLog } from '@eventmart/chaos';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '@eventmart/testing';
import { afterAll } from 'vitest';
import { startTestSystem } from '../e2e/support/system.js';
import { EventLogRawWire } from './event-log-raw-wire.js';
import { wireFuzzFeatures } from './wire-fuzz.features.js';

// The embedded system (every service in this process) on the real PostgreSQL, its bus the
// Postgres event log; the fuzzer writes to the log's table directly.
describeWithPostgres('wire fuzz on the Postgres event log (embedded, real PostgreSQL)', () => {
  let database: TestDatabase | undefined;
  afterAll(async () => {
    await database?.drop();
  });
  wireFuzzFeatures('pg-log', {
    startTimeoutMs: 60_000,
    start: async () => {
      database = await createTestDatabase('fuzz_pglog');
      // A charge may wait behind a few thousand records on two cores: no payment timeouts.
      const system = await startTestSystem({
        databaseUrl: database.url,
        env: { PAYMENT_TIMEOUT_MS: '10000' },
      });
      return {
        url: system.url,
        database: system.database,
        wire: new EventLogRawWire(system.database),
        settled: () => settledOnEventLog(system.database, 60_000),
        stop: () => system.stop(),
      };
    },
  });
});
