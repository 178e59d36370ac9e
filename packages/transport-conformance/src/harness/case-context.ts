import type {
  MessageHandler,
  SubscribeOptions,
  Subscription,
  Transport,
  TransportCapabilities,
} from '@eventmart/eventing';
import { MessageFactory } from './test-messages.js';
import { withTimeout } from './wait-for.js';

/** What a transport package hands the suite for one case. */
export interface TransportUnderTest {
  readonly transport: Transport;
  /**
   * Opens another transport on the same storage (database, cluster, directory) as `transport`.
   * Required when the transport declares `persistent`; the suite closes what it returns.
   */
  readonly reopen?: () => Promise<Transport>;
  /** Releases the storage after the suite closed every transport; runs even if the case failed. */
  cleanup(): Promise<void>;
}

/**
 * Called once per case. Storage may be shared between cases (one database, one cluster):
 * every case uses topic and group names of its own.
 */
export type TransportFactory = () => Promise<TransportUnderTest>;

export interface CaseSettings {
  readonly capabilities: TransportCapabilities;
  readonly scale: number;
  readonly timeoutMs: number;
  readonly quietMs: number;
}

export type CaseBody = (ctx: CaseContext) => Promise<void> | void;

/** What a file of cases declares its cases to. */
export interface CaseRegistry {
  /** Skipped, with the reason in its title, unless every capability in `requires` is declared. */
  add(title: string, requires: readonly (keyof TransportCapabilities)[], body: CaseBody): void;
}

/**
 * One case's view of the transport: names nobody else uses, message counts scaled, and
 * everything it opens closed afterwards.
 */
export class CaseContext {
  readonly messages: MessageFactory;
  private readonly prefix: string;
  private readonly subscriptions: Subscription[] = [];
  private readonly open: Transport[];

  constructor(
    private readonly settings: CaseSettings,
    private readonly underTest: TransportUnderTest,
    caseId: string,
    private readonly annotate: (message: string) => Promise<unknown>,
  ) {
    const run = Math.random().toString(36).slice(2, 10);
    this.prefix = `conformance.${caseId}.${run}`;
    this.messages = new MessageFactory(`${caseId}.${run}`);
    this.open = [underTest.transport];
  }

  get transport(): Transport {
    return this.underTest.transport;
  }

  get capabilities(): TransportCapabilities {
    return this.settings.capabilities;
  }

  /** Bounds each wait of the case. */
  get timeoutMs(): number {
    return this.settings.timeoutMs;
  }

  /** How long to watch for something that must not happen. */
  get quietMs(): number {
    return this.settings.quietMs;
  }

  topic(name: string): string {
    return `${this.prefix}.${name}`;
  }

  group(name: string): string {
    return `${this.prefix}.${name}`;
  }

  /** A message count of the case at the configured scale; never below 1. */
  count(atScaleOne: number): number {
    return Math.max(1, Math.round(atScaleOne * this.settings.scale));
  }

  /** Subscribes and remembers the subscription, to close it if the case does not. */
  async subscribe(
    transport: Transport,
    options: SubscribeOptions,
    handler: MessageHandler,
  ): Promise<Subscription> {
    const subscription = await transport.subscribe(options, handler);
    this.subscriptions.push(subscription);
    return subscription;
  }

  /** A new transport on the same storage; only for persistent transports. */
  async reopen(): Promise<Transport> {
    if (this.underTest.reopen === undefined) {
      throw new Error('the transport declares `persistent` but its factory gives no reopen()');
    }
    const transport = await this.underTest.reopen();
    this.open.push(transport);
    return transport;
  }

  /** Closes a transport once; the context will not close it again. */
  async closeTransport(transport: Transport): Promise<void> {
    const index = this.open.indexOf(transport);
    if (index >= 0) this.open.splice(index, 1);
    await withTimeout(transport.close(), this.timeoutMs, `${transport.name}: close()`);
  }

  /** A line in the test report: duplicates and other allowed-but-notable facts. */
  async note(message: string): Promise<void> {
    await this.annotate(message);
  }

  /** Closes what the case left open, then cleans up; every step runs, the first error is thrown. */
  async dispose(): Promise<void> {
    const steps = [
      ...this.subscriptions.map((subscription) => ({
        run: () => subscription.close(),
        what: 'closing a subscription after the case',
      })),
      ...this.open.splice(0).map((transport) => ({
        run: () => transport.close(),
        what: 'closing the transport after the case',
      })),
      { run: () => this.underTest.cleanup(), what: 'the factory cleanup()' },
    ];
    const errors: unknown[] = [];
    for (const { run, what } of steps) {
      await withTimeout(run(), this.timeoutMs, what).catch((error: unknown) => errors.push(error));
    }
    if (errors.length > 0) throw errors[0];
  }
}

/** Opens a transport, runs the case, and always closes and cleans up; the case's error wins. */
export async function runCase(
  factory: TransportFactory,
  settings: CaseSettings,
  caseId: string,
  annotate: (message: string) => Promise<unknown>,
  body: CaseBody,
): Promise<void> {
  const ctx = new CaseContext(settings, await factory(), caseId, annotate);
  let failure: { error: unknown } | undefined;
  try {
    await body(ctx);
  } catch (error) {
    failure = { error };
  }
  try {
    await ctx.dispose();
  } catch (error) {
    failure ??= { error };
  }
  if (failure !== undefined) throw failure.error;
}
