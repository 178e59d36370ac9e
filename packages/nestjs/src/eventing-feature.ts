import {
  DeadLetterStore,
  EVENTING_MIGRATIONS_DIR,
  EventPublisher,
  ServiceEventing,
  type Db,
  type EventContext,
  type RetryPolicy,
  type ServiceEventingOptions,
  type Tx,
  type UnitOfWorkOptions,
} from '@eventmart/eventing';
import { migrate, type MigrationSet } from '@eventmart/postgres';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { EVENTING_RUNTIME, type EventingRuntime } from './eventing-root.js';
import { handlersOf, importersOf, moduleHosting } from './handler-discovery.js';

export interface EventingFeatureOptions {
  /** The service: source of what it publishes, its consumer group, the prefix of its inbox keys. */
  readonly service: string;
  /** The schema of its tables, outbox, inbox and dead letters; one per service. */
  readonly schema: string;
  /**
   * Folders of .sql migrations for the service's own tables, run in its schema after eventing's.
   * A bare folder's history is kept under the set name `service` (the first), `service_2`...
   * by position: add folders at the end, or name the sets.
   */
  readonly migrations?: readonly (string | MigrationSet)[];
  readonly retry?: ServiceEventingOptions['retry'];
  readonly maxInFlight?: number;
  readonly relay?: ServiceEventingOptions['relay'];
}

export const EVENTING_FEATURE_OPTIONS = Symbol('eventmart:eventing-feature-options');

/**
 * The publisher of one service. Its unitOfWork hands the work a transaction scoped to the
 * service's schema, like the injected Db and a handler's `context.tx`.
 */
export class ServicePublisher extends EventPublisher {
  constructor(
    private readonly scope: { readonly service: string; readonly schema: string; readonly db: Db },
  ) {
    super(scope);
  }

  override unitOfWork<T>(
    work: (tx: Tx, context: EventContext) => Promise<T>,
    options?: UnitOfWorkOptions,
  ): Promise<T> {
    return super.unitOfWork((tx, context) => {
      const scoped = tx.withSchema(this.scope.schema);
      return work(scoped, { ...context, tx: scoped });
    }, options);
  }
}

/**
 * The eventing of the service module that imported `EventingModule.forFeature`: migrates its
 * schema on module init, starts its consumers and relay on bootstrap, stops them before
 * shutdown (handlers in flight finish; the relay sends what committed).
 */
@Injectable()
export class ServiceEventingHost
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown
{
  private current: ServiceEventing | undefined;
  private store: DeadLetterStore | undefined;
  private names: readonly string[] = [];

  constructor(
    @Inject(EVENTING_FEATURE_OPTIONS) readonly options: EventingFeatureOptions,
    @Inject(EVENTING_RUNTIME) private readonly runtime: EventingRuntime,
    private readonly modules: ModulesContainer,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {
    // Checked while the container is built, before any migration runs.
    const { service, schema } = options;
    const { services, schemas } = runtime.started;
    if (services.has(service)) {
      throw new Error(
        `service ${service} is set up by two different EventingModule.forFeature(...) modules: ` +
          'the modules of one service must import one and the same forFeature module',
      );
    }
    if (schemas.has(schema))
      throw new Error(`schema ${schema} is used by two services: give each its own`);
    services.add(service);
    schemas.add(schema);
  }

  /** The running ServiceEventing (consumer stats, relay), from bootstrap on. */
  get eventing(): ServiceEventing {
    if (this.current === undefined)
      throw new Error(`eventing of ${this.options.service} is not started yet`);
    return this.current;
  }

  /** The service's dead letters (list, inspect, replay, discard), from bootstrap on. */
  get deadLetters(): DeadLetterStore {
    if (this.store === undefined)
      throw new Error(`eventing of ${this.options.service} is not started yet`);
    return this.store;
  }

  /** The names of the handlers found in the importing module. */
  get handlers(): readonly string[] {
    return this.names;
  }

  async onModuleInit(): Promise<void> {
    await migrate(this.runtime.database.db, {
      schema: this.options.schema,
      sets: [
        { name: 'eventing', directory: EVENTING_MIGRATIONS_DIR },
        ...(this.options.migrations ?? []).map((set, index) =>
          typeof set === 'string'
            ? { name: index === 0 ? 'service' : `service_${String(index + 1)}`, directory: set }
            : set,
        ),
      ],
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const { service, schema, retry, maxInFlight, relay } = this.options;
    // Handlers belong to the module(s) importing this feature module, and to no other.
    const owners = importersOf(
      this.modules,
      moduleHosting(this.modules, ServiceEventingHost, this),
    );
    const wrappers = [
      ...this.discovery.getProviders({}, owners),
      ...this.discovery.getControllers({}, owners),
    ];
    const handlers = handlersOf(
      wrappers,
      this.scanner,
      (call) => (event, context) => call(event, { ...context, tx: context.tx.withSchema(schema) }),
    );
    this.names = handlers.map((handler) => handler.name);
    // A replay runs the very handlers the consumer runs, with the same catalog.
    this.store = new DeadLetterStore({
      service,
      schema,
      db: this.runtime.database.db,
      handlers,
      catalog: this.runtime.catalog,
      logger: this.runtime.logger,
    });
    this.current = new ServiceEventing({
      service,
      schema,
      retry: mergeRetry(this.runtime.retry, retry),
      faults: this.runtime.faults,
      maxInFlight,
      relay,
      database: this.runtime.database,
      transport: this.runtime.transport,
      handlers,
      catalog: this.runtime.catalog,
      logger: this.runtime.logger,
    });
    await this.current.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.current?.stop();
    this.runtime.started.services.delete(this.options.service);
    this.runtime.started.schemas.delete(this.options.schema);
  }
}

/** The process's retry policy under the service's own: a service's backoff refines, not resets. */
function mergeRetry(
  base: Partial<RetryPolicy> | undefined,
  own: Partial<RetryPolicy> | undefined,
): Partial<RetryPolicy> | undefined {
  if (base === undefined) return own;
  if (own === undefined) return base;
  const backoff = base.backoff === undefined ? own.backoff : { ...base.backoff, ...own.backoff };
  return { ...base, ...own, ...(backoff === undefined ? {} : { backoff }) };
}
