/** An answer of the gateway: its status and its JSON body (or text). */
export interface Answer<T = unknown> {
  readonly status: number;
  readonly body: T;
}

/**
 * Whether an answer (or a failed request, status 0) may be tried again: the gateway answers
 * 503 while a service is down or restarting, 504 when it was too slow, 500 when a service's
 * database connection was cut under it. A request that changes something is tried again only
 * when the caller says a repeat is harmless or wanted (see `request`).
 */
export const isTransient = (status: number): boolean =>
  status === 0 || status === 500 || status === 502 || status === 503 || status === 504;

export interface RequestOptions {
  /** Try again on transient failures until this long has passed. Default 120 s. */
  readonly retryForMs?: number;
  /** Not on these statuses, although transient (e.g. 504 for a request that may have gone through). */
  readonly finalOn?: readonly number[];
}

/**
 * The gateway's HTTP API as a customer's app (or an operator) uses it under faults: every
 * request has a timeout, and transient failures are tried again with growing pauses, bounded.
 */
export class ShopClient {
  /** Requests that had to be tried again, for the report. */
  retries = 0;

  constructor(
    readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  as(token: string): ShopClient {
    return new ShopClient(this.baseUrl, token);
  }

  async request<T = unknown>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    options: RequestOptions = {},
  ): Promise<Answer<T>> {
    const deadline = Date.now() + (options.retryForMs ?? 120_000);
    for (let attempt = 1; ; attempt += 1) {
      const answer = await this.once<T>(method, path, body);
      const final = options.finalOn?.includes(answer.status) ?? false;
      if (final || !isTransient(answer.status) || Date.now() > deadline) return answer;
      this.retries += 1;
      await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * 2 ** attempt)));
    }
  }

  get<T = unknown>(path: string, options?: RequestOptions): Promise<Answer<T>> {
    return this.request<T>('GET', path, undefined, options);
  }

  post<T = unknown>(path: string, body?: unknown, options?: RequestOptions): Promise<Answer<T>> {
    return this.request<T>('POST', path, body ?? {}, options);
  }

  private async once<T>(method: string, path: string, body: unknown): Promise<Answer<T>> {
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.token === undefined ? {} : { authorization: `Bearer ${this.token}` }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await response.text();
      return { status: response.status, body: parse(text) as T };
    } catch (error) {
      return { status: 0, body: String(error) as T };
    }
  }
}

function parse(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return text;
  }
}
