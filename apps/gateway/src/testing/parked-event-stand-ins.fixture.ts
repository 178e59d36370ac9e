import {
  parkedEventPatterns,
  textMessage,
  toFailedMessage,
  type DeadLetterService,
  type ParkedEventPatterns,
  type RpcResponse,
} from '@eventmart/contracts';
import { parseRpcRequest, rpcFailure } from '@eventmart/nest-rpc';
import { Controller, Injectable, type Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

type View = RpcResponse<ParkedEventPatterns['list']>['items'][number];

/** The parked events of the stand-in services, and the requests they were asked. */
@Injectable()
export class ParkedEventState {
  readonly events: View[] = [];
  readonly requests: { pattern: string; payload: unknown }[] = [];
  private sequence = 0;

  add(service: DeadLetterService, fields: Partial<View> = {}): View {
    this.sequence += 1;
    const at = new Date(Date.UTC(2025, 0, 1, 0, this.sequence)).toISOString();
    const event: View = {
      seq: String(this.sequence),
      service,
      consumer: `${service}.handler`,
      handler: 'handler',
      eventId: `0000000${String(this.sequence)}-0000-4000-8000-000000000000`.slice(-36),
      eventType: 'order.placed',
      subject: 'order-1',
      topic: 'orders.new',
      partition: 0,
      offset: String(this.sequence),
      attempts: 3,
      delayedAttempts: 0,
      retryAt: new Date(Date.UTC(2025, 0, 1, 1, this.sequence)).toISOString(),
      firstFailedAt: at,
      parkedAt: at,
      error: 'boom',
      blockedBy: null,
      ...fields,
    };
    this.events.push(event);
    return event;
  }
}

/** A service's parked-event handlers over ParkedEventState: enough to drive the gateway. */
export function parkedEventStandIn(service: DeadLetterService): Type {
  const patterns = parkedEventPatterns(service);

  @Controller()
  class ParkedEventStandIn {
    constructor(private readonly state: ParkedEventState) {}

    private mine(): View[] {
      return this.state.events.filter((event) => event.service === service);
    }

    @MessagePattern(patterns.list.name)
    list(@Payload() payload: unknown) {
      this.state.requests.push({ pattern: patterns.list.name, payload });
      const { limit = 50, offset = 0, ...filter } = parseRpcRequest(patterns.list, payload);
      const items = this.mine().filter((event) =>
        Object.entries(filter).every(([key, value]) => event[key as keyof View] === value),
      );
      return { items: items.slice(offset, offset + limit), total: items.length };
    }

    @MessagePattern(patterns.get.name)
    get(@Payload() payload: unknown) {
      const { seq } = parseRpcRequest(patterns.get, payload);
      const event = this.mine().find((candidate) => candidate.seq === seq);
      if (event === undefined) throw rpcFailure('NOT_FOUND', `no parked event ${seq}`);
      return { ...event, ...toFailedMessage(textMessage(null, {}, '{}'), 'Error: boom') };
    }

    @MessagePattern(patterns.retryNow.name)
    retryNow(@Payload() payload: unknown) {
      this.state.requests.push({ pattern: patterns.retryNow.name, payload });
      const { selection } = parseRpcRequest(patterns.retryNow, payload);
      const selected = this.mine().filter((event) =>
        selection.seq !== undefined
          ? event.seq === selection.seq
          : event.subject === selection.subject && event.blockedBy === null,
      );
      if (selection.seq !== undefined && selected.length === 0) {
        throw rpcFailure('NOT_FOUND', `no parked event ${selection.seq}`);
      }
      const now = new Date().toISOString();
      const results = selected.map((event) => {
        const behind = event.blockedBy !== null;
        if (!behind) event.retryAt = now;
        const { seq, consumer, handler, eventType, subject, retryAt, blockedBy } = event;
        const outcome = behind ? ('behind' as const) : ('due-now' as const);
        return { seq, consumer, handler, eventType, subject, outcome, retryAt, blockedBy };
      });
      return { service, results };
    }
  }

  Object.defineProperty(ParkedEventStandIn, 'name', { value: `ParkedEventStandIn_${service}` });
  return ParkedEventStandIn;
}
