import { sagaFeatures } from './saga.features.js';

sagaFeatures('embedded, PGlite', () => Promise.resolve(undefined));
