import { parkedEventPatterns } from '@eventmart/contracts';
import { findParked, listParked, retryParkedNow } from '@eventmart/eventing';
import { parseRpcRequest, rpcFailure } from '@eventmart/nest-rpc';
import { Controller, Inject, type Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ServiceEventingHost } from '../eventing-feature.js';
import { perServiceController } from '../failure-records/per-service-controller.js';
import { EVENTING_RUNTIME, type EventingRuntime } from '../eventing-root.js';
import { toParkedEventDetails, toParkedEventView, toRetryNowReport } from './parked-event-views.js';

/**
 * The request/response handlers of one service's parked events: `<service>.parked-events.list`,
 * `.get` and `.retry-now`. One class per service name, as for dead letters (pattern names are
 * fixed when a decorator runs). A retry-now is not audited as dead-letter actions are (their
 * audit table knows dead letters only): it is logged, with who asked and what came of it.
 */
export function parkedEventRpcController(service: string): Type {
  return perServiceController(service, 'ParkedEventRpc', () => make(service));
}

function make(service: string): Type {
  const patterns = parkedEventPatterns(service);

  @Controller()
  class ParkedEventRpcController {
    constructor(
      @Inject(ServiceEventingHost) private readonly host: ServiceEventingHost,
      @Inject(EVENTING_RUNTIME) private readonly runtime: EventingRuntime,
    ) {}

    private get db() {
      return this.runtime.database.db;
    }

    private get schema() {
      return this.host.options.schema;
    }

    @MessagePattern(patterns.list.name)
    async list(@Payload() payload: unknown) {
      const { limit = 50, offset = 0, ...filter } = parseRpcRequest(patterns.list, payload);
      const page = await listParked(this.db, this.schema, filter, { limit, offset });
      return { items: page.rows.map((row) => toParkedEventView(row, service)), total: page.total };
    }

    @MessagePattern(patterns.get.name)
    async get(@Payload() payload: unknown) {
      const { seq } = parseRpcRequest(patterns.get, payload);
      const row = await findParked(this.db, this.schema, seq);
      if (row === undefined) throw rpcFailure('NOT_FOUND', `${service} has no parked event ${seq}`);
      return toParkedEventDetails(row, service);
    }

    @MessagePattern(patterns.retryNow.name)
    async retryNow(@Payload() payload: unknown) {
      const { selection, actor, note } = parseRpcRequest(patterns.retryNow, payload);
      const results = await retryParkedNow(this.db, this.schema, selection);
      if (results === undefined) {
        throw rpcFailure('NOT_FOUND', `${service} has no parked event ${String(selection.seq)}`);
      }
      // The poller would find them at its next look: have it look now.
      if (results.some((result) => result.outcome === 'due-now'))
        this.host.eventing.consumer.delayedRetries.poke();
      // The only record of who asked, so at warn, which the launchers' default levels keep.
      if (results.length > 0) {
        this.runtime.logger.warn("parked events: retry now, at an operator's request", {
          service,
          actor,
          note: note ?? null,
          selection,
          results: results.map(({ event, outcome }) => ({ seq: event.seq, outcome })),
        });
      }
      return toRetryNowReport(service, results);
    }
  }

  return ParkedEventRpcController;
}
