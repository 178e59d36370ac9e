import { runCli } from './cli.js';

export type Route = (init: RequestInit) => { status: number; body: unknown };

/** A gateway that answers the given routes ("METHOD /path?query") and records every call. */
export function fakeGateway(routes: Record<string, Route>) {
  const calls: { route: string; authorization: string | undefined; body: unknown }[] = [];
  const fetchImpl = ((input: Parameters<typeof fetch>[0], init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const route = `${init.method ?? 'GET'} ${url.pathname}${url.search}`;
    const headers = (init.headers ?? {}) as Record<string, string>;
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    calls.push({ route, authorization: headers.authorization, body });
    const answer = routes[route]?.(init) ?? {
      status: 404,
      body: { code: 'NOT_FOUND', message: 'no route' },
    };
    return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status }));
  }) as typeof fetch;
  return { fetchImpl, calls };
}

/** Runs the CLI against `fetchImpl`, with a token unless `env` says otherwise. */
export async function run(
  argv: string[],
  fetchImpl: typeof fetch,
  env: Record<string, string> = { EVENTMART_TOKEN: 't0k' },
) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    env: { EVENTMART_URL: 'http://gateway.test', ...env },
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    fetch: fetchImpl,
  });
  return { code, stdout, stderr };
}
