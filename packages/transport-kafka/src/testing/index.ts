export { KafkaMockCluster, type KafkaMockClusterOptions } from './kafka-mock-cluster.js';
export { kafkaMockBinary } from './kafka-mock-binary.js';
export {
  describeWithKafkaMock,
  probeKafkaMock,
  type KafkaMockProbe,
} from './describe-with-kafka-mock.js';
export { describeWithKcat, kcatMissing } from './describe-with-kcat.js';
export { mockTransportOptions } from '../test-support.js';
