import { timerFeatures } from './timers.features.js';

timerFeatures('pglite');
