import { Random } from '@eventmart/eventing';
import { MUTATION_KINDS, MUTATIONS, type MutationKind } from './mutations.js';
import type { SampledRecord, WireRecord } from './wire-record.js';

export interface FuzzRecord {
  /** Its place in the generated list: with the seed, what names it in a failure. */
  readonly index: number;
  readonly kind: MutationKind;
  readonly detail: string;
  /** The real record it was made from. */
  readonly source: Pick<SampledRecord, 'topic' | 'partition' | 'offset' | 'eventId' | 'eventType'>;
  /** The `ce_id` it carries, when that is still a valid id. */
  readonly eventId: string | undefined;
  readonly record: WireRecord;
}

export interface FuzzOptions {
  readonly seed: number;
  readonly count: number;
  /** Real records off the live topics, to mutate. */
  readonly samples: readonly SampledRecord[];
  /** The kinds to make; default every kind. */
  readonly kinds?: readonly MutationKind[];
}

/** At most one 1 MiB record per this many: each costs a megabyte in every reader's dead letters or fetches. */
const RECORDS_PER_HUGE = 1_000;

/**
 * The records to put on the wire, as a pure function of the seed and the samples: the same
 * seed over the same samples gives byte-identical records, so a failure replays. The samples
 * are sorted first (by topic, partition, offset) so the order they were read in does not
 * matter. Every kind appears at least once, the first ones in a seeded order; after that the
 * kinds are drawn evenly, the 1 MiB kind rationed.
 */
export function generateFuzzRecords(options: FuzzOptions): FuzzRecord[] {
  const kinds = options.kinds ?? MUTATION_KINDS;
  if (options.samples.length === 0) throw new Error('no real records to mutate');
  const samples = [...options.samples].sort(
    (a, b) =>
      a.topic.localeCompare(b.topic) ||
      a.partition - b.partition ||
      Number(BigInt(a.offset) - BigInt(b.offset)),
  );
  const random = new Random(options.seed);
  const picker = random.derive('kinds');
  const first = picker.sample(kinds, kinds.length);
  const others = kinds.filter((kind) => kind !== 'huge');
  const hugeLeft = { n: Math.max(0, Math.floor(options.count / RECORDS_PER_HUGE) - 1) };
  const records: FuzzRecord[] = [];
  for (let index = 0; index < options.count; index += 1) {
    let kind = first[index] ?? picker.pick(others.length > 0 ? others : kinds);
    if (
      index >= first.length &&
      kinds.includes('huge') &&
      hugeLeft.n > 0 &&
      picker.next() < 1 / RECORDS_PER_HUGE
    ) {
      kind = 'huge';
      hugeLeft.n -= 1;
    }
    // Each record its own stream: one mutation drawing more or fewer numbers changes no other record.
    const own = random.derive(`record-${String(index)}`);
    const sample = own.pick(samples);
    const mutated = MUTATIONS[kind]({ sample, random: own });
    records.push({
      index,
      kind,
      detail: mutated.detail,
      source: {
        topic: sample.topic,
        partition: sample.partition,
        offset: sample.offset,
        eventId: sample.eventId,
        eventType: sample.eventType,
      },
      eventId: mutated.eventId,
      record: mutated.record,
    });
  }
  return records;
}

/**
 * FUZZ_SEED and FUZZ_RECORDS. Without a seed the run uses a fixed one, so CI replays the same
 * records every time; `FUZZ_SEED=random` draws one (printed with the results, to replay).
 */
export function fuzzSettings(
  env: NodeJS.ProcessEnv,
  defaults: { seed: number; records: number },
): { seed: number; count: number } {
  const seedText = env.FUZZ_SEED;
  const seed =
    seedText === undefined || seedText === ''
      ? defaults.seed
      : seedText === 'random'
        ? Math.floor(Math.random() * 2 ** 31)
        : Number(seedText);
  const count =
    env.FUZZ_RECORDS === undefined || env.FUZZ_RECORDS === ''
      ? defaults.records
      : Number(env.FUZZ_RECORDS);
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new Error(`FUZZ_SEED must be a whole number, not ${String(seedText)}`);
  if (!Number.isSafeInteger(count) || count < 1)
    throw new Error(
      `FUZZ_RECORDS must be a positive whole number, not ${String(env.FUZZ_RECORDS)}`,
    );
  return { seed, count };
}
