export type { Db, DatabaseLogger, Notifier, SqlDatabase } from './database.js';
export {
  openDatabase,
  openDatabaseFromEnv,
  type OpenDatabaseFromEnvOptions,
  type OpenDatabaseOptions,
} from './open-database.js';
export {
  migrate,
  type AppliedMigration,
  type MigrateOptions,
  type MigrationSet,
} from './migrations/migrate.js';
export { MigrationFileError } from './migrations/migration-error.js';
export { quoteIdentifier } from './support/identifiers.js';
export { isConnectionLost } from './support/connection-lost.js';
