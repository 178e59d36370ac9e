import { describeWithPostgres } from '@eventmart/testing';
import { parkingFeatures } from './parking.features.js';

describeWithPostgres('real PostgreSQL', () => parkingFeatures('postgres'));
