import { describeWithPostgres } from '@eventmart/testing';
import { recordBytesMigrationFeatures } from './record-bytes-migration.features.js';

describeWithPostgres('real PostgreSQL', () => recordBytesMigrationFeatures('postgres'));
