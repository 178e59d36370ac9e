import type { z } from 'zod';
import type { Envelope } from './envelope.js';
import type { TopicName } from './topics.js';

/** One versioned event type: its name, version, topic and the runtime schema of its data. */
export interface EventDefinition<
  TType extends string = string,
  TSchema extends z.ZodType = z.ZodType,
> {
  readonly type: TType;
  readonly version: number;
  readonly topic: TopicName;
  readonly schema: TSchema;
  readonly description: string;
}

export type EventData<D extends EventDefinition> = z.infer<D['schema']>;

/** The envelope of a given event definition, with its data typed by the schema. */
export type EventOf<D extends EventDefinition> = Envelope<EventData<D>> & {
  readonly type: D['type'];
};

export function defineEvent<const TType extends string, TSchema extends z.ZodType>(definition: {
  type: TType;
  version: number;
  topic: TopicName;
  schema: TSchema;
  description: string;
}): EventDefinition<TType, TSchema> {
  return Object.freeze({ ...definition });
}

/** The key a definition is registered under in a catalog: `order.placed@1`. */
export function eventKey(type: string, version: number): string {
  return `${type}@${String(version)}`;
}
