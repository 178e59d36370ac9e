import { describeWithPostgres } from '@eventmart/testing';
import { replayFeatures } from './replay.features.js';
import { triageFeatures } from './triage.features.js';

describeWithPostgres('real PostgreSQL', () => {
  replayFeatures('postgres');
  triageFeatures('postgres');
});
