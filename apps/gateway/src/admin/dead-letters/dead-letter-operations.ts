import {
  deadLetterPatterns,
  type DeadLetterPatterns,
  type RpcRequest,
  type RpcResponse,
} from '@eventmart/contracts';
import { Injectable } from '@nestjs/common';
import { ServicesClient } from '../../rpc/services.client.js';
import { askNamedOrEach, badRequest, faultsOf, resultsOf, valuesOf } from '../admin-operations.js';
import { FailureRecords } from '../failure-records.js';
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
  private readonly records: FailureRecords<DeadLetterPatterns>;

  constructor(private readonly services: ServicesClient) {
    this.records = new FailureRecords(services, {
      patterns: deadLetterPatterns,
      order: newestFirst,
      key: (id) => ({ id }),
    });
  }

  list(query: DeadLetterQueryDto) {
    return this.records.list(query);
  }

  get(service: string, id: string) {
    return this.records.get(service, id);
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
    const answers = await askNamedOrEach(service, (s) =>
      this.services.call(deadLetterPatterns(s)[action], request),
    );
    const reports = valuesOf(answers);
    return {
      action,
      dryRun,
      actor,
      results: resultsOf(reports),
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
