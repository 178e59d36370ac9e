import {
  parkedEventPatterns,
  type ParkedEventPatterns,
  type RpcRequest,
  type RpcResponse,
} from '@eventmart/contracts';
import { Injectable } from '@nestjs/common';
import { ServicesClient } from '../../rpc/services.client.js';
import { askNamedOrEach, badRequest, faultsOf, resultsOf, valuesOf } from '../admin-operations.js';
import { FailureRecords } from '../failure-records.js';
import type { ParkedEventQueryDto, ParkedRetryNowDto } from './parked-events.dto.js';

type View = RpcResponse<ParkedEventPatterns['list']>['items'][number];

/**
 * The parked events of every service, as one, asked as the dead letters are: a request naming
 * a service fails as that service fails; one for all lists those that did not answer.
 */
@Injectable()
export class ParkedEventOperations {
  private readonly records: FailureRecords<ParkedEventPatterns>;

  constructor(private readonly services: ServicesClient) {
    this.records = new FailureRecords(services, {
      patterns: parkedEventPatterns,
      order: oldestFirst,
      key: (seq) => ({ seq }),
    });
  }

  list(query: ParkedEventQueryDto) {
    return this.records.list(query);
  }

  get(service: string, seq: string) {
    return this.records.get(service, seq);
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
    const answers = await askNamedOrEach(service, (s) =>
      this.services.call(parkedEventPatterns(s).retryNow, request),
    );
    return { actor, results: resultsOf(valuesOf(answers)), unavailable: faultsOf(answers) };
  }
}

/** The order they were parked in, and so, within a key, the order they will run in. */
function oldestFirst(a: View, b: View): number {
  if (a.parkedAt !== b.parkedAt) return a.parkedAt < b.parkedAt ? -1 : 1;
  if (a.service !== b.service) return a.service < b.service ? -1 : 1;
  return Number(a.seq) - Number(b.seq);
}
