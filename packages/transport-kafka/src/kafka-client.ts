import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { Kafka, logLevel, type KafkaConfig, type logCreator, type SASLOptions } from 'kafkajs';
import type { Logger } from '@eventmart/eventing';
import type { KafkaSaslOptions, KafkaSslOptions, ResolvedKafkaOptions } from './kafka-options.js';

/** The kafkajs client settings for `options`; PEM files are read here, so a bad path fails now. */
export function kafkaClientConfig(
  options: ResolvedKafkaOptions,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): KafkaConfig {
  const { sasl } = options;
  return {
    clientId: options.clientId,
    brokers: [...options.brokers],
    connectionTimeout: options.connectionTimeoutMs,
    requestTimeout: options.requestTimeoutMs,
    retry: {
      initialRetryTime: options.retry.initialMs,
      maxRetryTime: options.retry.maxMs,
      retries: options.retry.retries,
    },
    ...(options.ssl === false ? {} : { ssl: tlsOptions(options.ssl, readFile) }),
    ...(sasl === undefined ? {} : { sasl: saslOptions(sasl) }),
    logLevel: logLevel.INFO,
    logCreator: toLogger(options.logger),
  };
}

export function createKafkaClient(options: ResolvedKafkaOptions): Kafka {
  return new Kafka(kafkaClientConfig(options));
}

function saslOptions({ mechanism, username, password }: KafkaSaslOptions): SASLOptions {
  switch (mechanism) {
    case 'plain':
      return { mechanism, username, password };
    case 'scram-sha-256':
      return { mechanism, username, password };
    case 'scram-sha-512':
      return { mechanism, username, password };
  }
}

function tlsOptions(
  ssl: KafkaSslOptions,
  readFile: (path: string) => string,
): ConnectionOptions | true {
  const { caPath, certPath, keyPath, rejectUnauthorized } = ssl;
  const read = (what: string, path: string): string => {
    try {
      return readFile(path);
    } catch (error) {
      throw new Error(`Kafka: cannot read the SSL ${what} at ${path}: ${String(error)}`);
    }
  };
  const tls: ConnectionOptions = {
    ...(caPath === undefined ? {} : { ca: [read('CA', caPath)] }),
    ...(certPath === undefined ? {} : { cert: read('certificate', certPath) }),
    ...(keyPath === undefined ? {} : { key: read('key', keyPath) }),
    ...(rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
  };
  return Object.keys(tls).length === 0 ? true : tls;
}

/**
 * kafkajs logs through our Logger. Its INFO lines (joins, starts, stops) are routine for a
 * service, so they become debug; warnings and errors keep their level.
 */
function toLogger(logger: Logger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, ...fields } = log;
      const entry = { kafkajs: namespace, ...fields };
      if (level === logLevel.ERROR) logger.error(message, entry);
      else if (level === logLevel.WARN) logger.warn(message, entry);
      else logger.debug(message, entry);
    };
}
