import {
  DEAD_LETTER_SERVICES,
  parkedEventPatterns,
  type ParkedEventPatterns,
  type RpcRequest,
  type RpcResponse,
} from '@eventmart/contracts';
import { Injectable, NotFoundException } from '@nestjs/common';
import { ServicesClient } from '../../rpc/services.client.js';
import { askEach, badRequest, faultsOf, MERGE_DEPTH, valuesOf } from '../admin-operations.js';
import type { ParkedEventQueryDto, ParkedRetryNowDto } from './parked-events.dto.js';

type View = RpcResponse<ParkedEventPatterns['list']>['items'][number];

/**
 * The parked events of every service, as one, asked as the dead letters are: a request naming
 * a service fails as that service fails; one for all lists those that did not answer.
 */
@Injectable()
export class ParkedEventOperations {
  constructor(private readonly services: ServicesClient) {}

  async list(query: ParkedEventQueryDto) {
    const { service, type, limit = 50, offset = 0, ...filter } = query;
    const request = { ...filter, ...(type !== undefined && { eventType: type }) };
    if (service !== undefined) {
      const page = await this.services.call(parkedEventPatterns(service).list, {
        ...request,
        limit,
        offset,
      });
      return { ...page, unavailable: [] };
    }
    if (offset + limit > MERGE_DEPTH) {
      throw badRequest(
        'offset',
        `across every service, offset + limit may be at most ${MERGE_DEPTH}: name a service to page further`,
      );
    }
    const answers = await askEach(DEAD_LETTER_SERVICES, (s) =>
      this.services.call(parkedEventPatterns(s).list, { ...request, limit: offset + limit }),
    );
    const pages = valuesOf(answers);
    return {
      items: pages
        .flatMap((page) => page.items)
        .sort(oldestFirst)
        .slice(offset, offset + limit),
      total: pages.reduce((sum, page) => sum + page.total, 0),
      unavailable: faultsOf(answers),
    };
  }

  async get(service: string, seq: string) {
    const known = DEAD_LETTER_SERVICES.find((candidate) => candidate === service);
    if (known === undefined) {
      throw new NotFoundException({ code: 'NOT_FOUND', message: `no service ${service}` });
    }
    return this.services.call(parkedEventPatterns(known).get, { seq });
  }

  async retryNow(body: ParkedRetryNowDto, actor: string) {
    const { service, seq, subject, note } = body;
    if ((seq === undefined) === (subject === undefined)) {
      throw badRequest('(body)', 'select by seq (with service) or by subject, not both');
    }
    if (seq !== undefined && service === undefined) {
      throw badRequest('service', 'each service numbers its own parked events: name the service');
    }
    const request: RpcRequest<ParkedEventPatterns['retryNow']> = {
      selection: seq !== undefined ? { seq } : { subject },
      actor,
      ...(note !== undefined && { note }),
    };
    const targets = service === undefined ? DEAD_LETTER_SERVICES : [service];
    const answers = await askEach(
      targets,
      (s) => this.services.call(parkedEventPatterns(s).retryNow, request),
      service === undefined,
    );
    return {
      actor,
      results: valuesOf(answers).flatMap((report) =>
        report.results.map((result) => ({ service: report.service, ...result })),
      ),
      unavailable: faultsOf(answers),
    };
  }
}

/** The order they were parked in, and so, within a key, the order they will run in. */
function oldestFirst(a: View, b: View): number {
  if (a.parkedAt !== b.parkedAt) return a.parkedAt < b.parkedAt ? -1 : 1;
  if (a.service !== b.service) return a.service < b.service ? -1 : 1;
  return Number(a.seq) - Number(b.seq);
}
