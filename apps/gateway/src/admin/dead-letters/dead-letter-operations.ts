import {
  DEAD_LETTER_SERVICES,
  deadLetterPatterns,
  type DeadLetterPatterns,
  type RpcRequest,
  type RpcResponse,
} from '@eventmart/contracts';
import { Injectable, NotFoundException } from '@nestjs/common';
import { ServicesClient } from '../../rpc/services.client.js';
import { askEach, badRequest, faultsOf, MERGE_DEPTH, valuesOf } from '../admin-operations.js';
import type { DeadLetterActionDto, DeadLetterQueryDto } from './dead-letters.dto.js';

type View = RpcResponse<DeadLetterPatterns['list']>['items'][number];
type Report = RpcResponse<DeadLetterPatterns['replay']>;

/**
 * The dead letters of every service, as one. A request naming a service goes to that service
 * and fails as it fails; one for all services asks each, and lists those that did not answer
 * instead of failing for them. A service's declared refusal (400, 404) fails the request.
 */
@Injectable()
export class DeadLetterOperations {
  constructor(private readonly services: ServicesClient) {}

  async list(query: DeadLetterQueryDto) {
    const { service, type, limit = 50, offset = 0, ...filter } = query;
    const request = { ...filter, ...(type !== undefined && { eventType: type }) };
    if (service !== undefined) {
      const page = await this.services.call(deadLetterPatterns(service).list, {
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
      this.services.call(deadLetterPatterns(s).list, { ...request, limit: offset + limit }),
    );
    const pages = valuesOf(answers);
    const items = pages
      .flatMap((page) => page.items)
      .sort(newestFirst)
      .slice(offset, offset + limit);
    return {
      items,
      total: pages.reduce((sum, page) => sum + page.total, 0),
      unavailable: faultsOf(answers),
    };
  }

  async get(service: string, id: string) {
    const known = DEAD_LETTER_SERVICES.find((candidate) => candidate === service);
    if (known === undefined) {
      throw new NotFoundException({ code: 'NOT_FOUND', message: `no service ${service}` });
    }
    return this.services.call(deadLetterPatterns(known).get, { id });
  }

  async act(action: 'replay' | 'discard', body: DeadLetterActionDto, actor: string) {
    const { service, ids, subject, type, all, dryRun = false, note } = body;
    const criteria = ids !== undefined || subject !== undefined || type !== undefined;
    if (all === true ? criteria : !criteria) {
      throw badRequest('(body)', 'select by ids, subject or type, or send all: true alone');
    }
    const selection = {
      ...(ids !== undefined && { ids }),
      ...(subject !== undefined && { subject }),
      ...(type !== undefined && { eventType: type }),
    };
    const request: RpcRequest<DeadLetterPatterns['replay']> = {
      selection: all === true ? { all: true } : selection,
      actor,
      dryRun,
      ...(note !== undefined && { note }),
    };
    const targets = service === undefined ? DEAD_LETTER_SERVICES : [service];
    const answers = await askEach(
      targets,
      (s) => this.services.call(deadLetterPatterns(s)[action], request),
      service === undefined,
    );
    const reports = valuesOf(answers);
    return {
      action,
      dryRun,
      actor,
      results: reports.flatMap((report) =>
        report.results.map((result) => ({ service: report.service, ...result })),
      ),
      missing: missingEverywhere(ids ?? [], reports),
      unavailable: faultsOf(answers),
    };
  }
}

function newestFirst(a: View, b: View): number {
  if (a.firstFailedAt !== b.firstFailedAt) return a.firstFailedAt < b.firstFailedAt ? 1 : -1;
  return a.id < b.id ? 1 : -1;
}

/** Ids no service that answered has; none, when no service answered. */
function missingEverywhere(ids: readonly string[], reports: readonly Report[]): string[] {
  if (reports.length === 0) return [];
  return ids.filter((id) => reports.every((report) => report.missing.includes(id)));
}
