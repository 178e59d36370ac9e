import {
  textMessage,
  toFailedMessage,
  deadLetterPatterns,
  type DeadLetterPatterns,
  type DeadLetterService,
  type RawRecordMessage,
  type RpcRequest,
  type RpcResponse,
} from '@eventmart/contracts';
import { parseRpcRequest, rpcFailure } from '@eventmart/nest-rpc';
import { Controller, Injectable, type Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

type View = RpcResponse<DeadLetterPatterns['list']>['items'][number];
type Request = RpcRequest<DeadLetterPatterns['replay']>;

/** The dead letters of the stand-in services, and the requests they were asked. */
@Injectable()
export class DeadLetterState {
  readonly letters: View[] = [];
  /** The message of a dead letter, by id: `{}` unless a test sets one. */
  readonly messages = new Map<string, RawRecordMessage>();
  readonly requests: { pattern: string; payload: unknown }[] = [];
  private sequence = 0;

  add(service: DeadLetterService, fields: Partial<View> = {}): View {
    this.sequence += 1;
    const at = new Date(Date.UTC(2025, 0, 1, 0, this.sequence)).toISOString();
    const letter: View = {
      id: `0000000${String(this.sequence)}-0000-4000-8000-000000000000`.slice(-36),
      service,
      consumer: `${service}.handler`,
      handler: 'handler',
      reason: 'retries-exhausted',
      status: 'open',
      eventId: null,
      eventType: 'order.placed',
      eventVersion: 1,
      subject: 'order-1',
      topic: 'orders.new',
      partition: 0,
      offset: String(this.sequence),
      error: 'boom',
      attempts: 5,
      firstFailedAt: at,
      lastFailedAt: at,
      resolvedAt: null,
      resolvedBy: null,
      ...fields,
    };
    this.letters.push(letter);
    return letter;
  }
}

/** A service's dead-letter handlers over DeadLetterState: enough to drive the gateway. */
export function deadLetterStandIn(service: DeadLetterService): Type {
  const patterns = deadLetterPatterns(service);

  @Controller()
  class DeadLetterStandIn {
    constructor(private readonly state: DeadLetterState) {}

    private mine(): View[] {
      return this.state.letters.filter((letter) => letter.service === service);
    }

    @MessagePattern(patterns.list.name)
    list(@Payload() payload: unknown) {
      this.state.requests.push({ pattern: patterns.list.name, payload });
      const { limit = 50, offset = 0, ...filter } = parseRpcRequest(patterns.list, payload);
      const items = this.mine()
        .filter((letter) =>
          Object.entries(filter).every(([key, value]) => letter[key as keyof View] === value),
        )
        .reverse();
      return { items: items.slice(offset, offset + limit), total: items.length };
    }

    @MessagePattern(patterns.get.name)
    get(@Payload() payload: unknown) {
      const { id } = parseRpcRequest(patterns.get, payload);
      const letter = this.mine().find((candidate) => candidate.id === id);
      if (letter === undefined) throw rpcFailure('NOT_FOUND', `no dead letter ${id}`);
      return {
        ...letter,
        ...toFailedMessage(this.state.messages.get(id) ?? textMessage(null, {}, '{}'), null),
        replayable: true,
        audit: [],
      };
    }

    @MessagePattern(patterns.replay.name)
    replay(@Payload() payload: unknown) {
      return this.act('replay', parseRpcRequest(patterns.replay, payload), payload);
    }

    @MessagePattern(patterns.discard.name)
    discard(@Payload() payload: unknown) {
      return this.act('discard', parseRpcRequest(patterns.discard, payload), payload);
    }

    private act(action: 'replay' | 'discard', request: Request, payload: unknown) {
      this.state.requests.push({ pattern: patterns[action].name, payload });
      const { selection, actor, dryRun = false } = request;
      const selected = this.mine().filter(
        (letter) =>
          (selection.ids?.includes(letter.id) ?? letter.status === 'open') &&
          (selection.subject === undefined || letter.subject === selection.subject) &&
          (selection.eventType === undefined || letter.eventType === selection.eventType),
      );
      const done = action === 'replay' ? 'replayed' : 'discarded';
      const results = selected.map((letter) => {
        const outcome = letter.status !== 'open' ? 'not-open' : dryRun ? `would-${action}` : done;
        if (outcome === done) Object.assign(letter, { status: done, resolvedBy: actor });
        const { id, consumer, eventType, subject, attempts } = letter;
        return { id, consumer, eventType, subject, outcome, error: null, handlers: [], attempts };
      });
      const missing = (selection.ids ?? []).filter((id) => !this.mine().some((l) => l.id === id));
      return { service, action, dryRun, operationId: null, results, missing };
    }
  }

  Object.defineProperty(DeadLetterStandIn, 'name', { value: `DeadLetterStandIn_${service}` });
  return DeadLetterStandIn;
}
