import { describeWithPostgres } from '@eventmart/testing';
import { timerFeatures } from './timers.features.js';

describeWithPostgres('real PostgreSQL', () => timerFeatures('postgres'));
