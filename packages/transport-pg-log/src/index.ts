export * from './pg-log-transport.js';
export { EVENT_LOG_MIGRATIONS_DIR, migrateEventLog } from './migrations.js';
