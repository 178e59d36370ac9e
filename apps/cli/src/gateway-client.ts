/** How the CLI proves it is an administrator. */
export type Credentials =
  { readonly token: string } | { readonly email: string; readonly password: string };

/** The gateway answered with an error, or could not be reached. */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';

  constructor(
    message: string,
    readonly status?: number,
    readonly correlationId?: string,
  ) {
    super(message);
  }
}

/** A small client of the gateway's HTTP API, logged in as an administrator on first use. */
export class GatewayClient {
  private token: Promise<string> | undefined;

  constructor(
    private readonly baseUrl: string,
    private readonly credentials: Credentials,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const token = await this.login();
    return this.send<T>(method, path, body, { authorization: `Bearer ${token}` });
  }

  private login(): Promise<string> {
    const { credentials } = this;
    if ('token' in credentials) return Promise.resolve(credentials.token);
    this.token ??= this.send<{ accessToken: string }>('POST', '/auth/login', credentials).then(
      (answer) => answer.accessToken,
    );
    return this.token;
  }

  private async send<T>(
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    // Relative to the base, so a gateway behind a path prefix (https://ops.example/api) works.
    const base = this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`;
    const url = new URL(path.replace(/^\//, ''), base);
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers: { ...headers, ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new GatewayError(`cannot reach the gateway at ${this.baseUrl}: ${reason}`);
    }
    const text = await response.text();
    const answer = parse(text);
    if (response.ok) return answer as T;
    const { message, code, correlationId } = (answer ?? {}) as {
      message?: string;
      code?: string;
      correlationId?: string;
    };
    const what = `${method} ${url.pathname} answered ${String(response.status)}`;
    throw new GatewayError(
      `${what}${code === undefined ? '' : ` ${code}`}: ${message ?? (text || response.statusText)}`,
      response.status,
      correlationId,
    );
  }
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
