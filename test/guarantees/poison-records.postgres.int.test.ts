import { describeWithPostgres } from '@eventmart/testing';
import { pgLogBus } from './fixtures/pg-log-bus.js';
import { poisonRecordFeatures } from './poison-records.features.js';

describeWithPostgres('real PostgreSQL', () =>
  poisonRecordFeatures('the Postgres event log on PostgreSQL', () => pgLogBus('postgres')),
);
