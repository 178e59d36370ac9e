import { InMemoryTransport } from '@eventmart/eventing';
import { transportConformance } from '@eventmart/transport-conformance';

transportConformance(
  'in-memory',
  async () => ({ transport: new InMemoryTransport(), cleanup: async () => {} }),
  { consumerGroups: true, perKeyOrder: true, persistent: false },
);
