import { describe } from 'vitest';
import { databaseFeatures } from '../database.features.js';
import { openDatabase } from '../open-database.js';

describe('PGlite in memory', () => {
  databaseFeatures(() => openDatabase({ dataDir: 'memory://' }));
});
