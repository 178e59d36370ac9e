import { paymentDeadlineFeatures } from './payment-deadline.features.js';

paymentDeadlineFeatures('embedded, PGlite', () => Promise.resolve(undefined));
