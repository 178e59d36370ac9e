export { transportConformance, type ConformanceOptions } from './transport-conformance.js';
export type { TransportFactory, TransportUnderTest } from './harness/case-context.js';
// For a transport's own extra tests, in the same style as the suite.
export { Collector, type Delivery } from './harness/collector.js';
export { MessageFactory, publishInBatches, type TestMessage } from './harness/test-messages.js';
export { waitFor } from './harness/wait-for.js';
