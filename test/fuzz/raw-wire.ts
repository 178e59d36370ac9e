import type { FuzzRecord } from './fuzz-records.js';
import type { SampledRecord } from './wire-record.js';

/** A fuzzed record as it landed: where, so that its dead letters can be found by position. */
export interface Produced {
  readonly fuzz: FuzzRecord;
  readonly partition: number;
  readonly offset: string;
}

/** A record this wire cannot carry at all (the event log's columns are text and jsonb). */
export interface Refused {
  readonly fuzz: FuzzRecord;
  readonly why: string;
}

/**
 * A transport's topics as a raw client sees them, around the services rather than through
 * eventmart's own transport: real records are read off them, and fuzzed bytes go onto them
 * as they are, nothing checked or encoded on the way.
 */
export interface RawWire {
  readonly name: string;
  /** Every record now on the topics, as read off the wire (records without a `ce_id` left out). */
  sample(topics: readonly string[]): Promise<SampledRecord[]>;
  /** Puts the records on their topics in the order given; answers where each landed. */
  produce(records: readonly FuzzRecord[]): Promise<{ produced: Produced[]; refused: Refused[] }>;
  close(): Promise<void>;
}
