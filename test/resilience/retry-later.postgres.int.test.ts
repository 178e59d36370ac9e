import { describeWithPostgres } from '@eventmart/testing';
import { retryLaterFeatures } from './retry-later.features.js';

describeWithPostgres('real PostgreSQL', () => retryLaterFeatures('postgres'));
