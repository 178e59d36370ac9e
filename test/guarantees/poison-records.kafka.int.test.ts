import { describeWithKafkaMock } from '@eventmart/transport-kafka/testing';
import { kafkaBus } from './fixtures/kafka-bus.js';
import { poisonRecordFeatures } from './poison-records.features.js';

describeWithKafkaMock('Kafka mock cluster', () =>
  poisonRecordFeatures('Kafka, produced raw by kafkajs and kcat', kafkaBus),
);
