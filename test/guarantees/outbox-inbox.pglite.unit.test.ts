import { outboxInboxFeatures } from './outbox-inbox.features.js';

outboxInboxFeatures('pglite');
