import type { PGlite, Results } from '@electric-sql/pglite';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import { Mutex } from '../support/mutex.js';

type Command = PostgresQueryResult<unknown>['command'];

/**
 * PGlite as the `pool` of Kysely's PostgresDialect. PGlite is one session, so the pool has one
 * connection: `connect()` waits until the previous client was released. A Kysely transaction
 * holds the connection from BEGIN to COMMIT, so concurrent transactions run one after the
 * other instead of interleaving their statements on the shared session.
 *
 * Consequence: inside a transaction, use the transaction (`trx`), never the outer `db`; a
 * query on `db` would wait for the connection the transaction holds, forever.
 */
export class PglitePool implements PostgresPool {
  readonly #connection = new Mutex();
  #ended = false;

  /**
   * @param acquireTimeoutMs how long `connect()` waits before failing. The connection is only
   *   ever held for one transaction, so a long wait almost always means the deadlock above;
   *   failing names it instead of hanging.
   */
  constructor(
    private readonly pglite: PGlite,
    private readonly acquireTimeoutMs = 30_000,
  ) {}

  async connect(): Promise<PostgresPoolClient> {
    if (this.#ended) throw new Error('The PGlite pool has ended');
    const release = await this.#acquire();
    if (this.#ended) {
      release();
      throw new Error('The PGlite pool has ended');
    }
    return new PgliteClient(this.pglite, release);
  }

  #acquire(): Promise<() => void> {
    const acquiring = this.#connection.acquire();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // Whenever the connection does come, hand it straight back.
        void acquiring.then((release) => release());
        reject(
          new Error(
            `waited ${String(this.acquireTimeoutMs)} ms for PGlite's only connection: a query on the ` +
              'database while a transaction holds it waits forever; inside a transaction, use the transaction',
          ),
        );
      }, this.acquireTimeoutMs);
    });
    return Promise.race([acquiring, timeout]).finally(() => clearTimeout(timer));
  }

  /** Refuses new clients, then waits for the one in use to be released. */
  async end(): Promise<void> {
    this.#ended = true;
    const release = await this.#connection.acquire();
    release();
  }
}

/** One lease of the PGlite session; unusable once released. */
class PgliteClient implements PostgresPoolClient {
  #release: (() => void) | undefined;

  constructor(
    private readonly pglite: PGlite,
    release: () => void,
  ) {
    this.#release = release;
  }

  query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    sqlOrCursor: string | PostgresCursor<R>,
    parameters: readonly unknown[] = [],
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof sqlOrCursor !== 'string') throw new Error('PGlite does not support cursors');
    if (this.#release === undefined) {
      return Promise.reject(new Error('PGlite connection used after release'));
    }
    return this.#run<R>(sqlOrCursor, parameters);
  }

  release(): void {
    const release = this.#release;
    if (release === undefined) return;
    this.#release = undefined;
    // A lease must not hand an open transaction to the next one.
    if (this.pglite.isInTransaction()) {
      void this.pglite.exec('ROLLBACK').finally(release);
    } else {
      release();
    }
  }

  async #run<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
    // Without parameters the simple protocol runs several statements (migrations), as
    // node-postgres does; it returns one result per statement, the last one answers.
    const result: Results<R> | undefined =
      parameters.length === 0
        ? ((await this.pglite.exec(sql)).at(-1) as Results<R> | undefined)
        : await this.pglite.query<R>(sql, [...parameters]);
    return {
      command: (result?.command ?? firstKeyword(sql)) as Command,
      rowCount: result?.rowCount ?? result?.affectedRows ?? 0,
      rows: result?.rows ?? [],
    };
  }
}

/** The statement's first keyword, upper-cased, past leading comments and whitespace. */
export function firstKeyword(sql: string): string {
  const withoutComments = sql.replace(/^(\s+|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)*/, '');
  return /^[A-Za-z]+/.exec(withoutComments)?.[0]?.toUpperCase() ?? '';
}
