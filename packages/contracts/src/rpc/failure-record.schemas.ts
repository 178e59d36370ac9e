import { z } from 'zod';
import { ListResponse, operatorPattern, PageRequest, Text } from './operator.schemas.js';

/**
 * What dead letters and parked events share: each is a failure record, a message a consumer of
 * the service failed on, kept with where it came from. Both are listed and read the same way
 * (`<service>.<feature>.list` and `.get`); they differ in what an operator can do with them
 * (replay or discard a dead letter, retry a parked event now) and in what their views know (a
 * dead letter may have no envelope, so no event id; a parked event always has one).
 */

/**
 * Bytes shown safely: `text` when they are valid UTF-8 without control characters (else null),
 * `base64` the exact bytes, `preview` one printable line of them with `\xHH` escapes. NUL,
 * invalid UTF-8 or binary can then break neither JSON nor a terminal.
 */
export const BytesView = z.object({
  text: z.string().nullable(),
  base64: z.base64(),
  preview: z.string(),
});
export type BytesView = z.infer<typeof BytesView>;

/** The record as it came off the wire, every header in order (duplicates kept, null values). */
export const RawMessage = z.object({
  key: BytesView.nullable(),
  /** Null for a record without a value (a Kafka tombstone). */
  value: BytesView.nullable(),
  headers: z.array(z.object({ name: z.string(), value: BytesView.nullable() })),
});

/** The message as the consumer received it, and the stack of its last error. */
export const FailedMessage = {
  /** The headers whose values are text, by name (the last of duplicates). */
  headers: z.record(z.string(), z.string()),
  /**
   * The body as text; when it is not text, its escaped preview (`raw.value` has the bytes);
   * empty when there is no body.
   */
  payload: z.string(),
  errorStack: z.string().nullable(),
  /** Exactly what was received. */
  raw: RawMessage,
};
export type FailedMessage = z.infer<z.ZodObject<typeof FailedMessage>>;

/** The filters and page every failure-record list takes. */
export const FailureListFilter = {
  consumer: Text.optional(),
  eventType: Text.optional(),
  subject: Text.optional(),
  ...PageRequest,
};

export interface FailureRecordSchemas<
  List extends z.ZodType,
  View extends z.ZodType,
  Key extends z.ZodType,
  Details extends z.ZodType,
> {
  /** The list request: FailureListFilter and the feature's own filters. */
  readonly list: List;
  readonly view: View;
  /** What names one record in its service (a dead letter's id, a parked event's seq). */
  readonly key: Key;
  readonly details: Details;
}

/** The list and get patterns of one feature (`dead-letters`, `parked-events`) of a service. */
export function failureRecordPatterns<
  List extends z.ZodType,
  View extends z.ZodType,
  Key extends z.ZodType,
  Details extends z.ZodType,
>(service: string, feature: string, schemas: FailureRecordSchemas<List, View, Key, Details>) {
  return {
    list: operatorPattern(`${service}.${feature}.list`, schemas.list, ListResponse(schemas.view)),
    get: operatorPattern(`${service}.${feature}.get`, schemas.key, schemas.details),
  } as const;
}
