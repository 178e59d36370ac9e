import { parseArgs } from 'node:util';

/** Query of GET /admin/dead-letters. */
export interface ListQuery {
  readonly service?: string;
  readonly type?: string;
  readonly subject?: string;
  readonly reason?: string;
  readonly status?: string;
  readonly consumer?: string;
  readonly limit?: number;
  readonly offset?: number;
}

/** Body of POST /admin/dead-letters/replay and /discard. */
export interface ActionBody {
  readonly service?: string;
  readonly ids?: string[];
  readonly subject?: string;
  readonly type?: string;
  readonly all?: true;
  readonly dryRun?: true;
  readonly note?: string;
}

/** Query of GET /admin/parked-events. */
export interface ParkedQuery {
  readonly service?: string;
  readonly type?: string;
  readonly subject?: string;
  readonly consumer?: string;
  readonly limit?: number;
  readonly offset?: number;
}

/** Body of POST /admin/parked-events/retry-now. */
export interface RetryNowBody {
  readonly service?: string;
  readonly seq?: string;
  readonly subject?: string;
  readonly note?: string;
}

export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'list'; readonly query: ListQuery }
  | { readonly kind: 'show'; readonly service: string; readonly id: string }
  | { readonly kind: 'replay' | 'discard'; readonly body: ActionBody }
  | { readonly kind: 'parked-list'; readonly query: ParkedQuery }
  | { readonly kind: 'parked-show'; readonly service: string; readonly seq: string }
  | { readonly kind: 'retry-now'; readonly body: RetryNowBody };

export interface Invocation {
  readonly command: Command;
  /** Print the gateway's JSON answer instead of tables. */
  readonly json: boolean;
  /** Overrides EVENTMART_URL. */
  readonly url?: string;
}

/** The command line is wrong: say why, show the usage, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const OPTIONS = {
  service: { type: 'string' },
  type: { type: 'string' },
  subject: { type: 'string' },
  reason: { type: 'string' },
  status: { type: 'string' },
  consumer: { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  id: { type: 'string', multiple: true },
  seq: { type: 'string' },
  all: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  note: { type: 'string' },
  json: { type: 'boolean' },
  url: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>
>['values'];

/** The actions of each command, and the options each accepts besides --json, --url and --help. */
const COMMANDS = {
  'dead-letters': {
    list: ['service', 'type', 'subject', 'reason', 'status', 'consumer', 'limit', 'offset'],
    show: ['service', 'id'],
    replay: ['service', 'id', 'subject', 'type', 'all', 'dry-run', 'note'],
    discard: ['service', 'id', 'subject', 'type', 'all', 'dry-run', 'note'],
  },
  parked: {
    list: ['service', 'type', 'subject', 'consumer', 'limit', 'offset'],
    show: ['service', 'seq'],
    'retry-now': ['service', 'seq', 'subject', 'note'],
  },
} as const satisfies Record<string, Record<string, readonly (keyof Values)[]>>;

type Group = keyof typeof COMMANDS;

export function parseCommand(argv: readonly string[]): Invocation {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const common = {
    json: values.json === true,
    ...(values.url !== undefined && { url: values.url }),
  };
  const [group, action, ...extra] = positionals;
  if (values.help === true || group === undefined || group === 'help') {
    return { command: { kind: 'help' }, ...common };
  }
  if (!isGroup(group)) throw new UsageError(`unknown command "${group}"`);
  const actions: Readonly<Record<string, readonly (keyof Values)[]>> = COMMANDS[group];
  const accepted =
    action !== undefined && Object.hasOwn(actions, action) ? actions[action] : undefined;
  if (action === undefined || accepted === undefined) {
    throw new UsageError(`${group} needs ${orList(Object.keys(actions))}, not "${String(action)}"`);
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra.join(' ')}"`);
  const refused = (Object.keys(values) as (keyof Values)[]).filter(
    (name) => !['json', 'url', 'help', ...accepted].includes(name),
  );
  if (refused.length > 0) {
    throw new UsageError(
      `${action} does not take ${refused.map((name) => `--${name}`).join(', ')}`,
    );
  }
  const command =
    group === 'parked'
      ? parkedCommandFor(action, values)
      : deadLetterCommandFor(action as keyof (typeof COMMANDS)['dead-letters'], values);
  return { command, ...common };
}

function isGroup(name: string): name is Group {
  return Object.hasOwn(COMMANDS, name);
}

/** `a, b or c`. */
function orList(names: readonly string[]): string {
  return names.length < 2
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1] ?? ''}`;
}

function deadLetterCommandFor(
  action: keyof (typeof COMMANDS)['dead-letters'],
  values: Values,
): Command {
  const { service, type, subject } = values;
  if (action === 'list') {
    const { reason, status, consumer } = values;
    const limit = whole('limit', values.limit);
    const offset = whole('offset', values.offset);
    return {
      kind: 'list',
      query: defined({ service, type, subject, reason, status, consumer, limit, offset }),
    };
  }
  if (action === 'show') {
    const id = values.id?.[0];
    if (service === undefined || id === undefined || values.id?.length !== 1) {
      throw new UsageError('show needs --service and one --id');
    }
    return { kind: 'show', service, id };
  }
  const ids = values.id;
  const selected = ids !== undefined || subject !== undefined || type !== undefined;
  if (values.all === true && selected) {
    throw new UsageError(
      '--all selects everything: do not combine it with --id, --subject or --type',
    );
  }
  if (values.all !== true && !selected) {
    throw new UsageError(`${action} needs --id, --subject, --type, or --all`);
  }
  const body: ActionBody = defined({
    service,
    ids,
    subject,
    type,
    all: values.all === true ? true : undefined,
    dryRun: values['dry-run'] === true ? true : undefined,
    note: values.note,
  });
  return { kind: action, body };
}

function parkedCommandFor(action: string, values: Values): Command {
  const { service, type, subject, consumer } = values;
  const seq = parkedSeq(values.seq);
  if (action === 'list') {
    const limit = whole('limit', values.limit);
    const offset = whole('offset', values.offset);
    return {
      kind: 'parked-list',
      query: defined({ service, type, subject, consumer, limit, offset }),
    };
  }
  if (action === 'show') {
    if (service === undefined || seq === undefined)
      throw new UsageError('show needs --service and --seq');
    return { kind: 'parked-show', service, seq };
  }
  if (seq !== undefined && subject !== undefined) {
    throw new UsageError('retry-now takes --seq or --subject, not both');
  }
  if (subject === undefined && (seq === undefined || service === undefined)) {
    throw new UsageError('retry-now needs --service and --seq, or --subject');
  }
  return { kind: 'retry-now', body: defined({ service, seq, subject, note: values.note }) };
}

/** Parked events are numbered from 1 in each service. */
function parkedSeq(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d{0,17}$/.test(value))
    throw new UsageError(`--seq must be a parked event's number, not "${value}"`);
  return value;
}

function whole(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new UsageError(`--${name} must be a whole number, not "${value}"`);
  return Number(value);
}

/** Leaves out what was not given, so the gateway sees only what the operator asked. */
function defined<T extends object>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const given = Object.entries(fields).filter(([, value]) => value !== undefined);
  return Object.fromEntries(given) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

export const USAGE = `Usage: eventmart dead-letters <list|show|replay|discard> [options]
       eventmart parked <list|show|retry-now> [options]

Dead letters: events a consumer gave up on, kept until replayed or discarded.
  list      [--service s] [--type t] [--subject id] [--reason r] [--status open|replayed|discarded]
            [--consumer c] [--limit n] [--offset n]
  show      --service s --id x
  replay    [--service s] (--id x [--id y ...] | --subject id | --type t | --all) [--dry-run] [--note text]
  discard   [--service s] (--id x [--id y ...] | --subject id | --type t | --all) [--dry-run] [--note text]

Parked events: events waiting for a delayed retry, and the later events of their key waiting
behind them. Each service numbers its own (--seq).
  list      [--service s] [--type t] [--subject id] [--consumer c] [--limit n] [--offset n]
  show      --service s --seq n
  retry-now (--service s --seq n | [--service s] --subject id) [--note text]
            try now rather than at the next delay; only the first event of a key can run

Without --service, every service is asked. --subject is the message key, e.g. an order id.
--json prints the gateway's answer as JSON; --url overrides EVENTMART_URL.

Environment:
  EVENTMART_URL             the gateway (default http://127.0.0.1:3000)
  EVENTMART_TOKEN           an administrator's access token, or
  EVENTMART_ADMIN_EMAIL     an administrator's e-mail and
  EVENTMART_ADMIN_PASSWORD  password, to log in with

Exit status: 0 done; 1 something was not done (a replay failed, an event to retry now is
behind another, an id was not found, a service did not answer, the gateway refused); 2 the
command line is wrong.
`;
