import type { ServiceHandler } from '@eventmart/chaos';
import type { SqlDatabase } from '@eventmart/eventing';
import { sql } from 'kysely';
import type { MutationKind } from './mutations.js';
import type { Produced } from './raw-wire.js';

/** What became of one fuzzed record at one consumer group (a service reading its topic). */
export type Outcome =
  | `dead letter: ${string}`
  | 'skipped: id already handled'
  | 'no dead letter, groups not at the end';

export const SKIPPED: Outcome = 'skipped: id already handled';
/** What a record without dead letters is called when the groups did not reach the end. */
export const UNDRAINED = 'no dead letter, groups not at the end';
const letter = (reason: string): Outcome => `dead letter: ${reason}`;

/**
 * The outcomes each kind may have, on main and with raw bytes kept (`invalid-encoding`,
 * `empty-body`). A kind keeping its original's id that still reads as a valid event, or as a
 * known event whose data is refused, is skipped: the inbox has handled that id already.
 */
export const ALLOWED: Readonly<Record<MutationKind, readonly Outcome[]>> = {
  'bit-flip': [letter('malformed-json'), letter('invalid-encoding'), SKIPPED],
  truncated: [letter('malformed-json'), letter('invalid-encoding')],
  'wrong-ce-header': [letter('invalid-envelope')],
  'missing-ce-header': [letter('invalid-envelope')],
  'null-header': [letter('invalid-envelope'), SKIPPED],
  'binary-header': [letter('invalid-encoding'), letter('invalid-envelope'), SKIPPED],
  'duplicate-header': [letter('invalid-envelope'), SKIPPED],
  'not-json': [letter('malformed-json')],
  'not-utf8': [letter('malformed-json'), letter('invalid-encoding'), SKIPPED],
  'nul-byte': [letter('malformed-json'), letter('invalid-encoding')],
  empty: [letter('malformed-json'), letter('empty-body')],
  huge: [SKIPPED],
  'random-key': [letter('invalid-encoding'), SKIPPED],
  'unknown-type': [letter('unknown-event')],
  'unknown-version': [letter('unsupported-version')],
  'invalid-data': [letter('invalid-data')],
  duplicate: [SKIPPED],
  random: [
    letter('malformed-json'),
    letter('invalid-encoding'),
    letter('empty-body'),
    letter('invalid-envelope'),
  ],
};

interface LetterRow {
  readonly consumer: string;
  readonly reason: string;
  readonly event_id: string | null;
  readonly topic: string;
  readonly partition: number | null;
  readonly message_offset: string | null;
}

interface InboxRow {
  readonly consumer: string;
  readonly event_id: string;
  readonly status: string;
}

/** One record at one group: what it became, or what is wrong with it. */
export interface Accounted {
  readonly produced: Produced;
  readonly service: string;
  readonly outcome: Outcome | undefined;
  readonly problem: string | undefined;
}

export interface Accounting {
  readonly accounted: readonly Accounted[];
  /** Dead letters that are not of a fuzzed record: a real event refused. */
  readonly strayLetters: readonly string[];
}

const where = (topic: string, partition: number | null, offset: string | null) =>
  `${topic}[${String(partition)}]@${String(offset)}`;

/**
 * Accounts for every fuzzed record once per consumer group that reads its topic, from what
 * the services stored: its dead letters, found by the record's position (topic, partition,
 * offset), all with one reason; or, with none, its event id in the inbox of every handler of
 * its type, processed (the real event's first delivery). Anything else is a problem: lost, or
 * refused for a reason its kind cannot have.
 */
export async function accountForRecords(
  database: SqlDatabase,
  handlers: readonly ServiceHandler[],
  produced: readonly Produced[],
  /**
   * Whether every group reached the end of every partition. Only then does a record without
   * dead letters whose id the handlers processed count as skipped: before, it may not have
   * been read at all.
   */
  drained: boolean,
): Promise<Accounting> {
  const services = [...new Set(handlers.map((handler) => handler.service))];
  const letters = new Map<string, LetterRow[]>();
  const inbox = new Set<string>();
  const strayLetters: string[] = [];
  const positions = new Set(produced.map((p) => where(p.fuzz.record.topic, p.partition, p.offset)));
  for (const service of services) {
    const rows = await sql<LetterRow>`
      SELECT consumer, reason, event_id::text AS event_id, topic, partition, message_offset
      FROM ${sql.table(`${service}.dead_letters`)}`.execute(database.db);
    for (const row of rows.rows) {
      const at = where(row.topic, row.partition, row.message_offset);
      if (!positions.has(at)) strayLetters.push(`${row.consumer} ${at}: ${row.reason}`);
      const key = `${service} ${at}`;
      letters.set(key, [...(letters.get(key) ?? []), row]);
    }
    const processed = await sql<InboxRow>`
      SELECT consumer, event_id::text AS event_id, status FROM ${sql.table(`${service}.inbox`)}
      WHERE status = 'processed'`.execute(database.db);
    for (const row of processed.rows) inbox.add(`${row.consumer} ${row.event_id}`);
  }

  const accounted: Accounted[] = [];
  for (const p of produced) {
    const { fuzz } = p;
    const readers = services.filter((service) =>
      handlers.some((h) => h.service === service && h.topic === fuzz.record.topic),
    );
    for (const service of readers) {
      const found = letters.get(`${service} ${where(fuzz.record.topic, p.partition, p.offset)}`);
      const typeHandlers = handlers.filter(
        (h) =>
          h.service === service &&
          h.topic === fuzz.record.topic &&
          h.type === fuzz.source.eventType,
      );
      const judge = (outcome: Outcome | undefined, problem?: string): Accounted => {
        const wrongKind =
          outcome !== undefined && !ALLOWED[fuzz.kind].includes(outcome)
            ? `${outcome}, but a ${fuzz.kind} record may only end as ${ALLOWED[fuzz.kind].join(' or ')}`
            : undefined;
        return { produced: p, service, outcome, problem: problem ?? wrongKind };
      };
      if (found !== undefined) {
        const reasons = [...new Set(found.map((row) => row.reason))];
        const serviceLevel = found.filter((row) => row.consumer === service);
        const problem =
          reasons.length > 1
            ? `dead-lettered for several reasons: ${reasons.join(', ')}`
            : serviceLevel.length > 0 && found.length > 1
              ? `dead-lettered both before and by handlers: ${found.map((r) => r.consumer).join(', ')}`
              : undefined;
        accounted.push(judge(letter(reasons[0] ?? '?'), problem));
        continue;
      }
      const id = fuzz.eventId;
      const handled =
        id !== undefined &&
        typeHandlers.length > 0 &&
        typeHandlers.every((h) => inbox.has(`${h.consumer} ${id}`));
      accounted.push(
        !drained
          ? judge(UNDRAINED, 'not dead-lettered, and its group did not reach the end')
          : handled
            ? judge(SKIPPED)
            : judge(undefined, 'neither dead-lettered nor an id its handlers processed: lost'),
      );
    }
  }
  return { accounted, strayLetters };
}
