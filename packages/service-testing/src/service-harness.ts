// Runs one service module on a given database with the in-memory transport, for its tests:
// feeds it events as another service would, and records what it publishes.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Envelope, EventData, EventDefinition, EventOf } from '@eventmart/contracts';
import {
  InMemoryTransport,
  decodeEnvelope,
  encodeEnvelope,
  newEnvelope,
  type SqlDatabase,
  type Subscription,
} from '@eventmart/eventing';
import { EventingModule } from '@eventmart/nestjs';
import {
  Module,
  type DynamicModule,
  type INestApplicationContext,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

export class ServiceHarness {
  private constructor(
    readonly app: INestApplicationContext,
    readonly transport: InMemoryTransport,
    private readonly observer: Subscription,
    private readonly seen: readonly Envelope[],
  ) {}

  /** Boots `service` and listens, as an outside group, on the topics it publishes to. */
  static async start(
    service: DynamicModule | Type,
    database: SqlDatabase,
    publishes: readonly EventDefinition[],
  ): Promise<ServiceHarness> {
    const transport = new InMemoryTransport();
    @Module({ imports: [EventingModule.forRoot({ database, transport }), service] })
    class TestApp {}
    const app = await NestFactory.createApplicationContext(TestApp, { logger: false });
    const seen: Envelope[] = [];
    const observer = await transport.subscribe(
      { group: 'test-observer', topics: [...new Set(publishes.map((d) => d.topic))] },
      (message) => {
        const decoded = decodeEnvelope(message);
        if (decoded.ok) seen.push(decoded.envelope);
        return Promise.resolve();
      },
    );
    return new ServiceHarness(app, transport, observer, seen);
  }

  /**
   * Publishes a fresh event with `subject` as its key, as another service would, and answers
   * its envelope; `redeliver` sends that same envelope again (a duplicate).
   */
  async publish<D extends EventDefinition>(
    definition: D,
    data: EventData<D>,
    subject: string,
  ): Promise<EventOf<D>> {
    const envelope = newEnvelope(definition, data, { subject, source: 'test' });
    await this.redeliver(definition, envelope);
    return envelope;
  }

  async redeliver<D extends EventDefinition>(definition: D, envelope: EventOf<D>): Promise<void> {
    await this.transport.publish([encodeEnvelope(envelope, definition.topic)]);
  }

  /** The events of this type the service published so far. */
  published<D extends EventDefinition>(definition: D): EventOf<D>[] {
    return this.seen.filter(
      (envelope): envelope is EventOf<D> =>
        envelope.type === definition.type && envelope.version === definition.version,
    );
  }

  async close(): Promise<void> {
    await this.observer.close();
    await this.app.close();
    await this.transport.close();
  }
}

/** Polls `check` until it answers something other than undefined or false. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

/** Waits long enough for a redelivered or late event to have had its effect, if it had one. */
export const settle = (ms = 150): Promise<void> => sleep(ms);
