import { describeWithKcat } from '@eventmart/transport-kafka/testing';
import { kafkaBus } from './fixtures/kafka-bus.js';
import { poisonRecordFeatures } from './poison-records.features.js';

describeWithKcat('Kafka mock cluster', () =>
  poisonRecordFeatures('Kafka, produced raw by kafkajs and kcat', kafkaBus),
);
