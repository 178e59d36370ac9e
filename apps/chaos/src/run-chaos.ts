import type { Transport } from '@eventmart/eventing';
import { sql } from 'kysely';
import type { ChaosOptions } from './args.js';
import { readBooks } from './books/books.js';
import { stockBySku } from './books/stock.js';
import { openChaosTransport } from './faults/chaos-transport.js';
import { FaultLog, stamp } from './faults/fault-log.js';
import { startFaults } from './faults/fault-plan.js';
import { checkInvariants } from './invariants/check-all.js';
import { logIn, registerCustomers } from './load/customers.js';
import { planOrders } from './load/order-plan.js';
import { OrderRunner } from './load/order-runner.js';
import { ShopClient } from './load/shop-client.js';
import { Progress } from './progress.js';
import { Random } from './random.js';
import { deadLettersByReason, summarizeOrders, type ChaosReport } from './report/chaos-report.js';
import { waitForRecovery } from './settle/recovery.js';
import {
  serviceHandlers,
  topicsByService,
  type ServiceHandler,
} from './settle/service-handlers.js';
import {
  eventLogCaughtUp,
  kafkaAdmin,
  kafkaGroupsCaughtUp,
  parkedEvents,
  type PendingCheck,
} from './settle/settled.js';
import { startChaosSystem, type ChaosSystem } from './system/chaos-system.js';
import { BACKEND_SERVICES } from './system/distributed-shop.js';
import { assertTopicsEmpty } from './system/empty-topics.js';
import { SHOP_SETTINGS } from './system/shop-settings.js';

export interface ChaosIo {
  /** The run's own lines: progress, faults as they happen. */
  readonly say: (line: string) => void;
  /** The processes' lines, prefixed with their name. Default: kept to explain a failed start. */
  readonly processOutput?: (line: string) => void;
}

/**
 * Customers to register: one per 50 orders, from 2 to 10. Registering hashes a password
 * (slow on purpose), so more would mostly cost start-up time.
 */
const customersFor = (orders: number): number => Math.min(10, Math.max(2, Math.ceil(orders / 50)));

/**
 * A whole chaos run (docs/chaos.md): starts the shop, places the orders while the faults
 * strike, waits for the recovery window, checks the invariants against the services' tables
 * and answers the report. Whatever happens, it stops what it started and drops the database
 * (unless kept). It rejects when the run cannot be carried out (the shop does not start, the
 * customers cannot register); a fault or an invariant that fails is in the report.
 */
export async function runChaos(options: ChaosOptions, io: ChaosIo): Promise<ChaosReport> {
  const startedAt = Date.now();
  const log = new FaultLog(startedAt, io.say);
  const random = new Random(options.seed);
  io.say(
    `chaos run: ${String(options.orders)} orders on ${options.brokers === undefined ? options.transport : `Kafka at ${options.brokers.join(',')}`}, ` +
      `seed ${String(options.seed)}, faults: ${[...options.faults].join(', ') || 'none'}`,
  );
  if (options.brokers !== undefined) await assertTopicsEmpty(options.brokers);
  const handlersLoading = serviceHandlers();
  handlersLoading.catch(() => undefined);
  // A process that dies by itself is a finding: reported, and started again as an
  // orchestrator would, so that the run goes on to show what else breaks. One that fails to
  // start again (its connection cut while it migrates, say) is started once more, and noted.
  const starting: Promise<ChaosSystem> = startChaosSystem(options, {
    ...(io.processOutput !== undefined && { write: io.processOutput }),
    onExit: (name, how, lastLines) => {
      log.problem(name, new Error(`exited by itself (${how}); its last lines:\n${lastLines}`));
      if (name === 'gateway') return;
      starting
        .then((system) => system.shop.restart(name))
        .catch((error: unknown) => log.problem(name, error));
    },
    onFailedStart: (name, why) => {
      log.failedStarts += 1;
      log.note(`${name} exited before it served (${why.split('\n')[0] ?? ''}); starting it again`);
    },
  });
  const system = await starting;
  let transport: Transport | undefined;
  try {
    const handlers = await handlersLoading;
    io.say(
      `${stamp(log.elapsedMs)} shop started on ${system.database.name}, API ${system.shop.url}`,
    );
    transport =
      options.faults.has('duplicates') || options.faults.has('poison')
        ? await openChaosTransport(system.shop.env, system.shop.database)
        : undefined;
    return await run(options, io, system, transport, handlers, { startedAt, log, random });
  } finally {
    await transport?.close().catch(() => undefined);
    await system.stop(options.keep);
    if (options.keep) io.say(`kept the database ${system.database.url}`);
  }
}

interface RunState {
  readonly startedAt: number;
  readonly log: FaultLog;
  readonly random: Random;
}

async function run(
  options: ChaosOptions,
  io: ChaosIo,
  system: ChaosSystem,
  transport: Transport | undefined,
  handlers: readonly ServiceHandler[],
  { startedAt, log, random }: RunState,
): Promise<ChaosReport> {
  const { shop } = system;
  const database = shop.database;
  const client = new ShopClient(shop.url);
  const admin = await logIn(client, SHOP_SETTINGS.ADMIN_EMAIL, SHOP_SETTINGS.ADMIN_PASSWORD);
  const customerCount = customersFor(options.orders);
  const customers = await registerCustomers(client, customerCount, String(startedAt));
  const catalogue = await client.get<{ sku: string; available: number }[]>('/products');
  if (catalogue.status !== 200)
    throw new Error(`GET /products answered ${String(catalogue.status)}`);
  const plan = planOrders(options.orders, customerCount, catalogue.body, random);
  // A stock count before the run (as an operator's restock would), so that every order meant
  // to be in stock is: what the run then takes or gives back is all the orders' doing.
  for (const [sku, units] of plan.restock) {
    await sql`UPDATE inventory.products SET total = total + ${units}, available = available + ${units}
              WHERE sku = ${sku}`.execute(database.db);
  }
  const initialStock = await stockBySku(database);
  const startup = Date.now() - startedAt;

  const runner = new OrderRunner({
    orders: plan.orders,
    customers,
    admin,
    concurrency: options.concurrency,
  });
  const progress = new Progress(database, runner, options.orders, log, io.say);
  progress.start();
  if (options.faults.has('handler-errors'))
    log.record(
      'handler-errors',
      `every handler try in every service fails with probability ${String(options.handlerErrorRate)}`,
    );
  const faults = startFaults(options.faults, system, transport, handlers, random, log);
  try {
    await runner.run();
  } finally {
    await faults.stop();
  }
  await restartWhatIsDown(system, log);
  const loadEnd = Date.now();
  io.say(`${stamp(log.elapsedMs)} every order placed; faults stopped; waiting for recovery`);

  const caught = await caughtUpCheck(system, handlers);
  try {
    await waitForRecovery({
      database,
      caughtUp: caught.check,
      ...(faults.duplicates !== undefined && { sweep: faults.duplicates.sweep }),
      timeoutMs: options.recoveryMs,
    });
    io.say(
      `${stamp(log.elapsedMs)} recovered: every order final, outboxes drained, consumers caught up`,
    );
  } catch (error) {
    log.problem('recovery', error);
  } finally {
    progress.stop();
    await caught.close();
  }
  const recoveryEnd = Date.now();

  const books = await readBooks(database);
  const parkedAtEnd = [...((await parkedEvents(database)) ?? new Map<string, number>()).values()];
  const invariants = checkInvariants(books, {
    initialStock,
    accepted: runner.outcomes.flatMap((outcome) => (outcome.id === undefined ? [] : [outcome.id])),
    poisons: faults.poison?.injected ?? [],
    handlers,
  });
  const end = Date.now();
  const duplicatesByType = faults.duplicates?.byType ?? new Map<string, number>();
  return {
    ok: invariants.every((invariant) => invariant.ok) && log.problems.length === 0,
    settings: {
      orders: options.orders,
      transport:
        options.brokers === undefined ? options.transport : `kafka (${options.brokers.join(',')})`,
      seed: options.seed,
      concurrency: options.concurrency,
      faults: [...options.faults],
      handlerErrorRate: options.faults.has('handler-errors') ? options.handlerErrorRate : 0,
    },
    database: system.database.name,
    elapsedMs: {
      total: end - startedAt,
      startup,
      placing: (runner.placedAt ?? loadEnd) - startedAt - startup,
      load: loadEnd - startedAt - startup,
      recovery: recoveryEnd - loadEnd,
      check: end - recoveryEnd,
    },
    invariants,
    orders: summarizeOrders(
      runner.outcomes,
      books,
      [client, admin, ...customers].reduce((n, c) => n + c.retries, 0),
    ),
    faults: {
      totals: log.totals(),
      log: log.entries,
      problems: log.problems,
      failedStarts: log.failedStarts,
    },
    deliveries: {
      duplicatesPublished: faults.duplicates?.total ?? 0,
      duplicateDeliveriesSkipped: [...duplicatesByType].reduce(
        (sum, [type, n]) => sum + n * handlers.filter((handler) => handler.type === type).length,
        0,
      ),
      poisonPerTopic: faults.poison?.perTopic() ?? {},
      deadLettersByReason: deadLettersByReason(books),
      parked: {
        tableExists: progress.parkedTable || parkedAtEnd.length > 0,
        mostAtOnce: progress.mostParked,
        atEnd: parkedAtEnd.reduce((a, b) => a + b, 0),
      },
    },
  };
}

/** A service a failed restart left down is started again: the recovery window needs them all. */
async function restartWhatIsDown(system: ChaosSystem, log: FaultLog): Promise<void> {
  for (const service of BACKEND_SERVICES) {
    if (system.shop.pid(service) !== undefined) continue;
    log.problem('kill', new Error(`${service} was down after the faults stopped; starting it`));
    await system.shop.restart(service);
  }
}

/** Whether every group has read the bus: the event log's positions, or Kafka's committed offsets. */
async function caughtUpCheck(
  system: ChaosSystem,
  handlers: readonly ServiceHandler[],
): Promise<{ check: PendingCheck; close: () => Promise<void> }> {
  if (system.brokers === undefined)
    return { check: eventLogCaughtUp(system.shop.database), close: () => Promise.resolve() };
  const prefix = system.shop.env.KAFKA_GROUP_PREFIX ?? '';
  const groups = new Map(
    [...topicsByService(handlers)].map(([service, topics]) => [`${prefix}${service}`, topics]),
  );
  const admin = await kafkaAdmin(system.brokers);
  return { check: kafkaGroupsCaughtUp(admin, groups), close: () => admin.disconnect() };
}
