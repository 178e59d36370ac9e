import { parkingFeatures } from './parking.features.js';

parkingFeatures('pglite');
