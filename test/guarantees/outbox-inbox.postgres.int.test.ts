import { describeWithPostgres } from '@eventmart/testing';
import { outboxInboxFeatures } from './outbox-inbox.features.js';

describeWithPostgres('real PostgreSQL', () => outboxInboxFeatures('postgres'));
