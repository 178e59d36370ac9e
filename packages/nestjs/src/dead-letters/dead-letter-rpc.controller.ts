import { deadLetterPatterns } from '@eventmart/contracts';
import { InvalidDeadLetterRequest } from '@eventmart/eventing';
import { parseRpcRequest, rpcFailure } from '@eventmart/nest-rpc';
import { Controller, Inject, type Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ServiceEventingHost } from '../eventing-feature.js';
import { perServiceController } from '../failure-records/per-service-controller.js';
import { toDeadLetterDetails, toDeadLetterReport, toDeadLetterView } from './dead-letter-views.js';

/**
 * The request/response handlers of one service's dead letters: `<service>.dead-letters.list`,
 * `.get`, `.replay` and `.discard`; a class per service (see perServiceController).
 */
export function deadLetterRpcController(service: string): Type {
  return perServiceController(service, 'DeadLetterRpc', () => make(service));
}

function make(service: string): Type {
  const patterns = deadLetterPatterns(service);

  @Controller()
  class DeadLetterRpcController {
    constructor(@Inject(ServiceEventingHost) private readonly host: ServiceEventingHost) {}

    @MessagePattern(patterns.list.name)
    async list(@Payload() payload: unknown) {
      const { limit, offset, ...filter } = parseRpcRequest(patterns.list, payload);
      const page = await this.host.deadLetters.list(filter, { limit, offset }).catch(refused);
      return { items: page.items.map(toDeadLetterView), total: page.total };
    }

    @MessagePattern(patterns.get.name)
    async get(@Payload() payload: unknown) {
      const { id } = parseRpcRequest(patterns.get, payload);
      const details = await this.host.deadLetters.inspect(id);
      if (details === undefined)
        throw rpcFailure('NOT_FOUND', `${service} has no dead letter ${id}`);
      return toDeadLetterDetails(details);
    }

    @MessagePattern(patterns.replay.name)
    async replay(@Payload() payload: unknown) {
      const { selection, ...options } = parseRpcRequest(patterns.replay, payload);
      const report = await this.host.deadLetters.replay(selection, options).catch(refused);
      return toDeadLetterReport(report);
    }

    @MessagePattern(patterns.discard.name)
    async discard(@Payload() payload: unknown) {
      const { selection, ...options } = parseRpcRequest(patterns.discard, payload);
      const report = await this.host.deadLetters.discard(selection, options).catch(refused);
      return toDeadLetterReport(report);
    }
  }

  return DeadLetterRpcController;
}

function refused(error: unknown): never {
  if (error instanceof InvalidDeadLetterRequest) throw rpcFailure('BAD_REQUEST', error.message);
  throw error;
}
