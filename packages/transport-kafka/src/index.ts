export { KafkaTransport } from './kafka-transport.js';
export {
  KAFKA_DEFAULTS,
  type KafkaRetryOptions,
  type KafkaSaslOptions,
  type KafkaSslOptions,
  type KafkaTransportOptions,
  type SaslMechanism,
  type TopicProvisioningOptions,
} from './kafka-options.js';
export {
  kafkaConfigFromEnv,
  type Environment,
  type KafkaEnvConfig,
} from './kafka-config-from-env.js';
export {
  planTopics,
  provisionTopics,
  type TopicAdmin,
  type TopicSettings,
} from './topic-provisioning.js';
