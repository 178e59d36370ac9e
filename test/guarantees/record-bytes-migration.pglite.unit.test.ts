import { recordBytesMigrationFeatures } from './record-bytes-migration.features.js';

recordBytesMigrationFeatures('pglite');
