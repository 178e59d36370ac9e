import {
  UNDONE_OUTCOMES,
  type ActionReport,
  type DeadLetter,
  type DeadLetterDetails,
  type FailureDetails,
  type FailureList,
  type FailureRecord,
  type ParkedEvent,
  type ParkedEventDetails,
  type RetryNowReport,
  type ServiceFault,
} from './answers.js';
import {
  parseCommand,
  USAGE,
  UsageError,
  type Command,
  type ListQuery,
  type ParkedQuery,
} from './args.js';
import { GatewayClient, GatewayError, type Credentials } from './gateway-client.js';
import { renderDetails, renderList, renderReport } from './render/dead-letters.render.js';
import {
  renderParkedDetails,
  renderParkedList,
  renderRetryNow,
} from './render/parked-events.render.js';

export const DEFAULT_URL = 'http://127.0.0.1:3000';

/** Where the gateway keeps one kind of failure record, and how the CLI prints it. */
interface FailureFeature<Item extends FailureRecord, Details extends FailureDetails> {
  readonly route: string;
  readonly renderList: (list: FailureList<Item>, offset?: number) => string;
  readonly renderDetails: (details: Details) => string;
}

const DEAD_LETTERS: FailureFeature<DeadLetter, DeadLetterDetails> = {
  route: '/admin/dead-letters',
  renderList,
  renderDetails,
};

const PARKED_EVENTS: FailureFeature<ParkedEvent, ParkedEventDetails> = {
  route: '/admin/parked-events',
  renderList: renderParkedList,
  renderDetails: renderParkedDetails,
};

interface Outcome {
  readonly answer: unknown;
  readonly text: string;
  readonly done: boolean;
  /** The services that did not answer: the command was not done everywhere. */
  readonly unavailable?: readonly ServiceFault[];
}

/** Where the CLI reads its settings and writes its output; a test gives its own. */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly fetch?: typeof fetch;
}

/** Runs one command line; answers the exit status (0 done, 1 not all done, 2 usage). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { command, json, url } = parseCommand(argv);
    if (command.kind === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    const client = new GatewayClient(
      url ?? io.env.EVENTMART_URL ?? DEFAULT_URL,
      credentials(io.env),
      io.fetch,
    );
    const { answer, text, done, unavailable = [] } = await execute(client, command);
    io.stdout(`${json ? JSON.stringify(answer, null, 2) : text}\n`);
    if (unavailable.length > 0) {
      const named = unavailable.map((fault) => `${fault.service} (${fault.code})`).join(', ');
      io.stderr(`eventmart: no answer from ${named}\n`);
    }
    return done ? 0 : 1;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`eventmart: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof GatewayError) {
      const quote =
        error.correlationId === undefined ? '' : ` (correlation id ${error.correlationId})`;
      io.stderr(`eventmart: ${error.message}${quote}\n`);
      return 1;
    }
    throw error;
  }
}

async function execute(
  client: GatewayClient,
  command: Exclude<Command, { kind: 'help' }>,
): Promise<Outcome> {
  switch (command.kind) {
    case 'list':
      return listed(client, DEAD_LETTERS, command.query);
    case 'show':
      return shown(client, DEAD_LETTERS, command.service, command.id);
    case 'parked-list':
      return listed(client, PARKED_EVENTS, command.query);
    case 'parked-show':
      return shown(client, PARKED_EVENTS, command.service, command.seq);
    case 'replay':
    case 'discard': {
      const report = await client.post<ActionReport>(
        `/admin/dead-letters/${command.kind}`,
        command.body,
      );
      const done =
        report.missing.length === 0 &&
        report.unavailable.length === 0 &&
        report.results.every((result) => !UNDONE_OUTCOMES.has(result.outcome));
      return { answer: report, text: renderReport(report), done, unavailable: report.unavailable };
    }
    case 'retry-now': {
      const report = await client.post<RetryNowReport>(
        '/admin/parked-events/retry-now',
        command.body,
      );
      // An event behind another was not retried: the one in front of it must go first.
      const done =
        report.unavailable.length === 0 &&
        report.results.every((result) => result.outcome !== 'behind');
      return {
        answer: report,
        text: renderRetryNow(report),
        done,
        unavailable: report.unavailable,
      };
    }
  }
}

/** A page of a feature's list: done when every service answered. */
async function listed<Item extends FailureRecord>(
  client: GatewayClient,
  feature: FailureFeature<Item, never>,
  query: ListQuery | ParkedQuery,
): Promise<Outcome> {
  const list = await client.get<FailureList<Item>>(`${feature.route}${queryOf(query)}`);
  return {
    answer: list,
    text: feature.renderList(list, query.offset),
    done: list.unavailable.length === 0,
    unavailable: list.unavailable,
  };
}

/** One record of a feature, by its service and its key there (a dead letter's id, a seq). */
async function shown<Details extends FailureDetails>(
  client: GatewayClient,
  feature: FailureFeature<never, Details>,
  service: string,
  key: string,
): Promise<Outcome> {
  const path = `${feature.route}/${encodeURIComponent(service)}/${encodeURIComponent(key)}`;
  const details = await client.get<Details>(path);
  return { answer: details, text: feature.renderDetails(details), done: true };
}

function credentials(env: CliIo['env']): Credentials {
  const {
    EVENTMART_TOKEN: token,
    EVENTMART_ADMIN_EMAIL: email,
    EVENTMART_ADMIN_PASSWORD: password,
  } = env;
  if (token !== undefined && token !== '') return { token };
  if (email !== undefined && email !== '' && password !== undefined && password !== '') {
    return { email, password };
  }
  throw new UsageError(
    'no credentials: set EVENTMART_TOKEN, or EVENTMART_ADMIN_EMAIL and EVENTMART_ADMIN_PASSWORD',
  );
}

function queryOf(query: ListQuery | ParkedQuery): string {
  const params = new URLSearchParams(
    Object.entries(query).map(([name, value]): [string, string] => [name, String(value)]),
  ).toString();
  return params === '' ? '' : `?${params}`;
}
