import type { EventCatalog } from '@eventmart/contracts';
import type {
  FaultInjection,
  Logger,
  RetryPolicy,
  SqlDatabase,
  Transport,
} from '@eventmart/eventing';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { nestLogger } from './nest-logger.js';

export interface EventingRootOptions {
  /** An opened database (the caller closes it), or a factory (the module closes what it made). */
  readonly database: SqlDatabase | (() => Promise<SqlDatabase>);
  /** A transport (the caller closes it), or a factory given the database (the module closes it). */
  readonly transport: Transport | ((database: SqlDatabase) => Transport | Promise<Transport>);
  /** The events the consumers know; by default every event of @eventmart/contracts. */
  readonly catalog?: EventCatalog;
  /** Default: Nest's Logger, context 'Eventing'. */
  readonly logger?: Logger;
  /**
   * The retry policy of every service in the process, under what a service module or a
   * handler sets itself. Default DEFAULT_RETRY.
   */
  readonly retry?: Partial<RetryPolicy>;
  /** Faults injected into every handler: for chaos runs only (see docs/chaos.md). */
  readonly faults?: FaultInjection;
}

/** Internal token: the opened resources and what every feature module shares. */
export const EVENTING_RUNTIME = Symbol('eventmart:eventing-runtime');

export interface EventingRuntime {
  readonly database: SqlDatabase;
  readonly transport: Transport;
  readonly catalog: EventCatalog | undefined;
  readonly logger: Logger;
  readonly retry: Partial<RetryPolicy> | undefined;
  readonly faults: FaultInjection | undefined;
  /** Closes what the module opened itself, transport first (it may use the database). */
  readonly close: () => Promise<void>;
  /** Services and schemas started in this process: each may run once. */
  readonly started: { readonly services: Set<string>; readonly schemas: Set<string> };
}

export async function openRuntime(options: EventingRootOptions): Promise<EventingRuntime> {
  const ownsDatabase = typeof options.database === 'function';
  const database =
    typeof options.database === 'function' ? await options.database() : options.database;
  let transport: Transport;
  try {
    transport =
      typeof options.transport === 'function'
        ? await options.transport(database)
        : options.transport;
  } catch (error) {
    if (ownsDatabase) await database.close();
    throw error;
  }
  const ownsTransport = typeof options.transport === 'function';
  let closing: Promise<void> | undefined;
  return {
    database,
    transport,
    catalog: options.catalog,
    logger: options.logger ?? nestLogger('Eventing'),
    retry: options.retry,
    faults: options.faults,
    started: { services: new Set(), schemas: new Set() },
    close: () =>
      (closing ??= (async () => {
        try {
          if (ownsTransport) await transport.close();
        } finally {
          if (ownsDatabase) await database.close();
        }
      })()),
  };
}

/**
 * Closes the shared resources in onApplicationShutdown: every feature module stopped its
 * consumers and relay in beforeApplicationShutdown, which Nest runs first for all modules.
 */
@Injectable()
export class EventingResources implements OnApplicationShutdown {
  constructor(@Inject(EVENTING_RUNTIME) private readonly runtime: EventingRuntime) {}

  async onApplicationShutdown(): Promise<void> {
    await this.runtime.close();
  }
}
