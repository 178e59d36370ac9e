import { replayFeatures } from './replay.features.js';
import { triageFeatures } from './triage.features.js';

replayFeatures('pglite');
triageFeatures('pglite');
