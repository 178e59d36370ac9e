import {
  UNDONE_OUTCOMES,
  type ActionReport,
  type DeadLetterDetails,
  type DeadLetterList,
  type ParkedEventDetails,
  type ParkedEventList,
  type RetryNowReport,
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
    const { answer, text, done } = await execute(client, command);
    io.stdout(`${json ? JSON.stringify(answer, null, 2) : text}\n`);
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
): Promise<{ answer: unknown; text: string; done: boolean }> {
  switch (command.kind) {
    case 'list': {
      const list = await client.get<DeadLetterList>(`/admin/dead-letters${queryOf(command.query)}`);
      return {
        answer: list,
        text: renderList(list, command.query.offset),
        done: list.unavailable.length === 0,
      };
    }
    case 'show': {
      const path = `/admin/dead-letters/${encodeURIComponent(command.service)}/${encodeURIComponent(command.id)}`;
      const details = await client.get<DeadLetterDetails>(path);
      return { answer: details, text: renderDetails(details), done: true };
    }
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
      return { answer: report, text: renderReport(report), done };
    }
    case 'parked-list': {
      const list = await client.get<ParkedEventList>(
        `/admin/parked-events${queryOf(command.query)}`,
      );
      return {
        answer: list,
        text: renderParkedList(list, command.query.offset),
        done: list.unavailable.length === 0,
      };
    }
    case 'parked-show': {
      const path = `/admin/parked-events/${encodeURIComponent(command.service)}/${encodeURIComponent(command.seq)}`;
      const details = await client.get<ParkedEventDetails>(path);
      return { answer: details, text: renderParkedDetails(details), done: true };
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
      return { answer: report, text: renderRetryNow(report), done };
    }
  }
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
