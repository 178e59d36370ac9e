import {
  DEAD_LETTER_SERVICES,
  deadLetterPatterns,
  type DeadLetterPatterns,
  type DeadLetterService,
  type RpcRequest,
  type RpcResponse,
} from '@eventmart/contracts';
import { RpcCallFailed } from '@eventmart/nest-rpc';
import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { errorAnswerFor } from '../../http/error-answer.js';
import { ServicesClient } from '../../rpc/services.client.js';
import type { DeadLetterActionDto, DeadLetterQueryDto } from './dead-letters.dto.js';

type View = RpcResponse<DeadLetterPatterns['list']>['items'][number];
type Report = RpcResponse<DeadLetterPatterns['replay']>;
/** A service that did not answer, and why, as the gateway would have answered for it. */
export interface ServiceFault {
  service: DeadLetterService;
  code: string;
  message: string;
}
type Answer<T> =
  { service: DeadLetterService; value: T } | { service: DeadLetterService; fault: ServiceFault };

/** Merged pages reach this deep at most: each service is asked for offset + limit items. */
const MERGE_DEPTH = 500;

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
    const answers = await this.fanOut(DEAD_LETTER_SERVICES, (s) =>
      this.services.call(deadLetterPatterns(s).list, { ...request, limit: offset + limit }),
    );
    const pages = answers.flatMap((a) => ('value' in a ? [a.value] : []));
    const items = pages
      .flatMap((page) => page.items)
      .sort(newestFirst)
      .slice(offset, offset + limit);
    return {
      items,
      total: pages.reduce((sum, page) => sum + page.total, 0),
      unavailable: faults(answers),
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
    const answers = await this.fanOut(
      targets,
      (s) => this.services.call(deadLetterPatterns(s)[action], request),
      service === undefined,
    );
    const reports = answers.flatMap((a) => ('value' in a ? [a.value] : []));
    return {
      action,
      dryRun,
      actor,
      results: reports.flatMap((report) =>
        report.results.map((result) => ({ service: report.service, ...result })),
      ),
      missing: missingEverywhere(ids ?? [], reports),
      unavailable: faults(answers),
    };
  }

  /** Asks each service; with `tolerate`, a fault is kept as that service's answer. */
  private fanOut<T>(
    targets: readonly DeadLetterService[],
    ask: (service: DeadLetterService) => Promise<T>,
    tolerate = true,
  ): Promise<Answer<T>[]> {
    return Promise.all(
      targets.map((service) =>
        ask(service).then(
          (value): Answer<T> => ({ service, value }),
          (error: unknown): Answer<T> => {
            if (!tolerate || !(error instanceof RpcCallFailed)) throw error;
            const { code, message } = errorAnswerFor(error);
            return { service, fault: { service, code, message } };
          },
        ),
      ),
    );
  }
}

function newestFirst(a: View, b: View): number {
  if (a.firstFailedAt !== b.firstFailedAt) return a.firstFailedAt < b.firstFailedAt ? 1 : -1;
  return a.id < b.id ? 1 : -1;
}

function faults<T>(answers: readonly Answer<T>[]): ServiceFault[] {
  return answers.flatMap((a) => ('fault' in a ? [a.fault] : []));
}

/** Ids no service that answered has; none, when no service answered. */
function missingEverywhere(ids: readonly string[], reports: readonly Report[]): string[] {
  if (reports.length === 0) return [];
  return ids.filter((id) => reports.every((report) => report.missing.includes(id)));
}

function badRequest(field: string, message: string): BadRequestException {
  return new BadRequestException({ code: 'BAD_REQUEST', message, details: [{ field, message }] });
}
