import { pgLogBus } from './fixtures/pg-log-bus.js';
import { poisonRecordFeatures } from './poison-records.features.js';

poisonRecordFeatures('the Postgres event log on PGlite', () => pgLogBus('pglite'));
