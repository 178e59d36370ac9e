import { ALL_TOPICS, EVENT_CATALOG, type EventDefinition } from '@eventmart/contracts';
import { KAFKA_DEFAULTS } from '@eventmart/transport-kafka';
import { DEFAULT_EVENTLOG_PARTITIONS } from './event-log-config.js';

/** One topic as distributed mode lays it out. */
export interface TopicRow {
  readonly topic: string;
  /** Every `type@version` published to it, in catalog order. */
  readonly eventTypes: readonly string[];
  /** Always the envelope's subject (the aggregate id): a subject's events keep their order. */
  readonly key: 'subject';
  /** With the default settings (KAFKA_TOPIC_PARTITIONS, EVENTLOG_PARTITIONS). */
  readonly partitions: { readonly kafka: number; readonly eventLog: number };
}

/** Every topic of the catalog, with the event types on it: what to create on a new cluster. */
export function topicPlan(catalog: readonly EventDefinition[] = EVENT_CATALOG): TopicRow[] {
  const topics = [...new Set<string>([...ALL_TOPICS, ...catalog.map((d) => d.topic)])];
  return topics.map((topic) => ({
    topic,
    eventTypes: catalog
      .filter((definition) => definition.topic === topic)
      .map((definition) => `${definition.type}@${String(definition.version)}`),
    key: 'subject',
    partitions: {
      kafka: KAFKA_DEFAULTS.provisioning.partitions,
      eventLog: DEFAULT_EVENTLOG_PARTITIONS,
    },
  }));
}

/** The plan as the Markdown table of docs/distributed.md. */
export function topicTable(rows: readonly TopicRow[] = topicPlan()): string {
  const lines = [
    '| Topic | Event types | Key | Partitions (Kafka / event log) |',
    '| --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| \`${row.topic}\` | ${row.eventTypes.map((type) => `\`${type}\``).join(', ') || '(none)'} | ${row.key} | ${String(row.partitions.kafka)} / ${String(row.partitions.eventLog)} |`,
    ),
  ];
  return lines.join('\n');
}
