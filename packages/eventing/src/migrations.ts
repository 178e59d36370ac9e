import { fileURLToPath } from 'node:url';

/** The folder of SQL migrations that create a service's eventing tables (run in its schema). */
export const EVENTING_MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));
