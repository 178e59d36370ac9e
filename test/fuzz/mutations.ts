import type { Random } from '@eventmart/eventing';
import type { SampledRecord, WireHeader, WireRecord } from './wire-record.js';

/**
 * What the fuzzer does to a real record. Most keep the original's `ce_id`: then the inbox has
 * already seen that id (the originals are handled before any fuzzed record is sent) and a
 * copy that still reads as a valid event must be skipped. The kinds that would otherwise be
 * valid, new events (another type, version or data) get an id of their own, so that none of
 * them can pass for, or shadow, a real event.
 */
export const MUTATION_KINDS = [
  'bit-flip',
  'truncated',
  'wrong-ce-header',
  'missing-ce-header',
  'null-header',
  'binary-header',
  'duplicate-header',
  'not-json',
  'not-utf8',
  'nul-byte',
  'empty',
  'huge',
  'random-key',
  'unknown-type',
  'unknown-version',
  'invalid-data',
  'duplicate',
  'random',
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

export interface Mutated {
  readonly record: WireRecord;
  /** How it was made, for a person replaying a failure. */
  readonly detail: string;
  /** The `ce_id` it carries, when it carries one that is a valid id (its original's or its own). */
  readonly eventId: string | undefined;
}

export interface MutationInput {
  readonly sample: SampledRecord;
  readonly random: Random;
}

/** The `ce_*` headers a valid envelope must have. */
export const REQUIRED_CE_HEADERS = [
  'ce_id',
  'ce_type',
  'ce_eventversion',
  'ce_time',
  'ce_source',
  'ce_subject',
  'ce_correlationid',
] as const;

/** Values each required header refuses (the envelope schema's rules). */
const WRONG_VALUES: Readonly<Record<(typeof REQUIRED_CE_HEADERS)[number], readonly string[]>> = {
  ce_id: ['not-a-uuid', '', '12345'],
  ce_type: ['Order Placed!', '', 'ORDER.PLACED', 'noseparator'],
  ce_eventversion: ['one', '0', '-1', '1.5', ''],
  ce_time: ['yesterday', '', '2026-13-45T99:99:99Z'],
  ce_source: [''],
  ce_subject: [''],
  ce_correlationid: [''],
};

/** Exactly 1 MiB. */
export const HUGE_BYTES = 1_048_576;

const utf8 = (text: string) => Buffer.from(text, 'utf8');

function bytes(random: Random, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i += 1) out[i] = random.int(0, 255);
  return out;
}

/** A version 4 UUID drawn from the seeded source: the same seed gives the same ids. */
export function seededUuid(random: Random): string {
  const b = bytes(random, 16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function withHeader(headers: readonly WireHeader[], name: string, value: Buffer | null) {
  let replaced = false;
  const out = headers.map((h) => {
    if (h.name !== name) return h;
    replaced = true;
    return { name, value };
  });
  return replaced ? out : [...out, { name, value }];
}

const pickRequired = (random: Random) => random.pick(REQUIRED_CE_HEADERS);

/**
 * Sequences that are not UTF-8 whatever bytes come before them: stray continuation bytes
 * (more than any character has), a lead byte without its continuation, 0xFF, a surrogate, an
 * overlong form.
 */
const INVALID_UTF8 = [
  [0x80, 0x80, 0x80, 0x80, 0x80],
  [0xc3, 0x28],
  [0xff],
  [0xed, 0xa0, 0x80],
  [0xc0, 0xaf],
  [0xfe, 0xfe],
];

function invalidUtf8(random: Random): Buffer {
  return Buffer.from(random.pick(INVALID_UTF8));
}

function insertAt(value: Buffer, at: number, inserted: Buffer): Buffer {
  return Buffer.concat([value.subarray(0, at), inserted, value.subarray(at)]);
}

function dataOf(sample: SampledRecord): Record<string, unknown> {
  const parsed = JSON.parse(sample.value?.toString('utf8') ?? '{}') as unknown;
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {};
}

/** Text that JSON.parse refuses. */
function notJson(random: Random): string {
  const candidates = [
    'hello world',
    '<order id="1"/>',
    '{"unterminated": ',
    "{'single': 'quotes'}",
    '[1, 2,, 3]',
    'undefined',
    'NaN',
    `order ${String(random.int(0, 1e6))} placed`,
    '{"a": 1}}',
    '--',
  ];
  return random.pick(candidates);
}

type Mutation = (input: MutationInput) => Mutated;

const keep = (sample: SampledRecord, changes: Partial<WireRecord>): WireRecord => ({
  topic: sample.topic,
  partition: sample.partition,
  key: sample.key,
  value: sample.value,
  headers: sample.headers,
  ...changes,
});

export const MUTATIONS: Readonly<Record<MutationKind, Mutation>> = {
  'bit-flip': ({ sample, random }) => {
    const value = Buffer.from(sample.value ?? Buffer.alloc(1));
    const flips: string[] = [];
    for (let n = random.int(1, 3); n > 0; n -= 1) {
      const at = random.int(0, value.length - 1);
      const bit = random.int(0, 7);
      value[at] = (value[at] ?? 0) ^ (1 << bit);
      flips.push(`${String(at)}:${String(bit)}`);
    }
    return {
      record: keep(sample, { value }),
      detail: `bits ${flips.join(' ')}`,
      eventId: sample.eventId,
    };
  },
  truncated: ({ sample, random }) => {
    const value = sample.value ?? Buffer.alloc(0);
    const at = random.int(1, Math.max(1, value.length - 1));
    return {
      record: keep(sample, { value: value.subarray(0, at) }),
      detail: `cut at ${String(at)}`,
      eventId: sample.eventId,
    };
  },
  'wrong-ce-header': ({ sample, random }) => {
    const name = pickRequired(random);
    const wrong = random.pick(WRONG_VALUES[name]);
    return {
      record: keep(sample, { headers: withHeader(sample.headers, name, utf8(wrong)) }),
      detail: `${name}=${JSON.stringify(wrong)}`,
      eventId: name === 'ce_id' ? undefined : sample.eventId,
    };
  },
  'missing-ce-header': ({ sample, random }) => {
    const name = pickRequired(random);
    return {
      record: keep(sample, { headers: sample.headers.filter((h) => h.name !== name) }),
      detail: `without ${name}`,
      eventId: name === 'ce_id' ? undefined : sample.eventId,
    };
  },
  'null-header': ({ sample, random }) => {
    const name =
      random.next() < 0.5 ? pickRequired(random) : random.pick(['content-type', 'x-fuzz']);
    return {
      record: keep(sample, { headers: withHeader(sample.headers, name, null) }),
      detail: `${name}=null`,
      eventId: name === 'ce_id' ? undefined : sample.eventId,
    };
  },
  'binary-header': ({ sample, random }) => {
    const name =
      random.next() < 0.5 ? pickRequired(random) : random.pick(['content-type', 'x-fuzz']);
    const value = Buffer.concat([bytes(random, random.int(0, 12)), invalidUtf8(random)]);
    return {
      record: keep(sample, { headers: withHeader(sample.headers, name, value) }),
      detail: `${name}=0x${value.toString('hex')}`,
      eventId: name === 'ce_id' ? undefined : sample.eventId,
    };
  },
  'duplicate-header': ({ sample, random }) => {
    const name = pickRequired(random);
    const original = sample.headers.find((h) => h.name === name)?.value ?? null;
    const wrong = utf8(random.pick(WRONG_VALUES[name]));
    // Which of the two counts is the transport's rule (the last, as Java's lastHeader()).
    const [first, second] = random.pick([
      [original, original],
      [wrong, original],
      [original, wrong],
    ] as const);
    const headers = sample.headers.flatMap((h) =>
      h.name === name
        ? [
            { name, value: first },
            { name, value: second },
          ]
        : [h],
    );
    const order =
      first === second ? 'same value twice' : first === wrong ? 'wrong first' : 'wrong last';
    return {
      record: keep(sample, { headers }),
      detail: `${name} twice, ${order}`,
      eventId: name === 'ce_id' && second === wrong ? undefined : sample.eventId,
    };
  },
  'not-json': ({ sample, random }) => {
    const text = notJson(random);
    return {
      record: keep(sample, { value: utf8(text) }),
      detail: JSON.stringify(text),
      eventId: sample.eventId,
    };
  },
  'not-utf8': ({ sample, random }) => {
    const value = sample.value ?? Buffer.alloc(0);
    const bad = invalidUtf8(random);
    const at = random.int(0, value.length);
    return {
      record: keep(sample, { value: insertAt(value, at, bad) }),
      detail: `0x${bad.toString('hex')} at ${String(at)}`,
      eventId: sample.eventId,
    };
  },
  'nul-byte': ({ sample, random }) => {
    const value = sample.value ?? Buffer.alloc(0);
    const at = random.int(0, value.length);
    return {
      record: keep(sample, { value: insertAt(value, at, Buffer.from([0])) }),
      detail: `NUL at ${String(at)}`,
      eventId: sample.eventId,
    };
  },
  empty: ({ sample, random }) => {
    const tombstone = random.next() < 0.5;
    return {
      record: keep(sample, { value: tombstone ? null : Buffer.alloc(0) }),
      detail: tombstone ? 'null value (tombstone)' : 'zero bytes',
      eventId: sample.eventId,
    };
  },
  huge: ({ sample }) => {
    // The real data plus a padding field, exactly 1 MiB: valid JSON of a valid event, so a
    // consumer must read all of it to find the id it has already handled.
    const data = dataOf(sample);
    const base = Buffer.byteLength(JSON.stringify({ ...data, padding: '' }));
    const value = utf8(JSON.stringify({ ...data, padding: 'x'.repeat(HUGE_BYTES - base) }));
    return {
      record: keep(sample, { value }),
      detail: `${String(value.length)} bytes`,
      eventId: sample.eventId,
    };
  },
  'random-key': ({ sample, random }) => {
    const key = random.pick([
      () => null,
      () => Buffer.alloc(0),
      () => bytes(random, random.int(1, 40)),
      () => Buffer.concat([utf8('order-'), Buffer.from([0]), utf8('x')]),
      () => Buffer.concat([utf8('key-'), invalidUtf8(random)]),
      () => utf8(seededUuid(random)),
    ])();
    return {
      record: keep(sample, { key, partition: undefined }),
      detail: key === null ? 'null key' : `key 0x${key.toString('hex')}`,
      eventId: sample.eventId,
    };
  },
  'unknown-type': ({ sample, random }) => {
    const id = seededUuid(random);
    const type = `fuzz.unknown-${String(random.int(1, 999))}`;
    const headers = withHeader(
      withHeader(sample.headers, 'ce_id', utf8(id)),
      'ce_type',
      utf8(type),
    );
    return { record: keep(sample, { headers }), detail: type, eventId: id };
  },
  'unknown-version': ({ sample, random }) => {
    const id = seededUuid(random);
    const version = String(random.pick([99, 1000, 65_536]));
    const headers = withHeader(
      withHeader(sample.headers, 'ce_id', utf8(id)),
      'ce_eventversion',
      utf8(version),
    );
    return { record: keep(sample, { headers }), detail: `version ${version}`, eventId: id };
  },
  'invalid-data': ({ sample, random }) => {
    const id = seededUuid(random);
    const data = dataOf(sample);
    // Every field of the wrong type: whatever the schema makes optional, something required fails.
    const wrongTypes = Object.fromEntries(
      Object.entries(data).map(([field, value]) => [
        field,
        typeof value === 'string' ? 42 : 'fuzz',
      ]),
    );
    const body = random.pick(['null', '[]', '42', '"fuzz"', 'true', JSON.stringify(wrongTypes)]);
    return {
      record: keep(sample, {
        headers: withHeader(sample.headers, 'ce_id', utf8(id)),
        value: utf8(body),
      }),
      detail: body.length > 60 ? `${body.slice(0, 60)}…` : body,
      eventId: id,
    };
  },
  duplicate: ({ sample }) => ({
    record: keep(sample, {}),
    detail: 'unchanged copy',
    eventId: sample.eventId,
  }),
  random: ({ sample, random }) => {
    const names = [...REQUIRED_CE_HEADERS, 'content-type', 'x-fuzz'];
    const headers: WireHeader[] = [];
    for (let n = random.int(0, 8); n > 0; n -= 1) {
      const value = random.next() < 0.2 ? null : bytes(random, random.int(0, 24));
      headers.push({ name: random.pick(names), value });
    }
    const value = random.next() < 0.1 ? null : bytes(random, random.int(0, 200));
    return {
      record: {
        topic: sample.topic,
        partition: undefined,
        key: bytes(random, random.int(0, 16)),
        value,
        headers,
      },
      detail: `${String(value?.length ?? 'null')} random bytes, ${String(headers.length)} random headers`,
      eventId: undefined,
    };
  },
};
