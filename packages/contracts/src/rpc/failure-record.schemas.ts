import { z } from 'zod';
import { ListResponse, operatorPattern, PageRequest, Text } from './operator.schemas.js';

/**
 * What dead letters and parked events share: each is a failure record, a message a consumer of
 * the service failed on, kept with where it came from. Both are listed and read the same way
 * (`<service>.<feature>.list` and `.get`); they differ in what an operator can do with them
 * (replay or discard a dead letter, retry a parked event now) and in what their views know (a
 * dead letter may have no envelope, so no event id; a parked event always has one).
 */

/** The message as the consumer received it, and the stack of its last error. */
export const FailedMessage = {
  headers: z.record(z.string(), z.string()),
  payload: z.string(),
  errorStack: z.string().nullable(),
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
