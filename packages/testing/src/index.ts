export { pgTestUrl } from './pg-test-url.js';
export { postgresAvailable, probePostgres, type PostgresProbe } from './postgres-available.js';
export { describeWithPostgres } from './describe-with-postgres.js';
export { createTestDatabase, type TestDatabase } from './create-test-database.js';
