import type { DeadLetterService, RpcPattern, RpcRequest, RpcResponse } from '@eventmart/contracts';
import type { ServicesClient } from '../rpc/services.client.js';
import { knownService, listPage, type ListQuery, type Page } from './admin-operations.js';

/** A feature's list and get patterns in one service (see failureRecordPatterns). */
export interface FailureRecordPatterns {
  readonly list: RpcPattern;
  readonly get: RpcPattern;
}

type ItemOf<P extends FailureRecordPatterns> =
  RpcResponse<P['list']> extends Page<infer Item> ? Item : never;

/** How one feature's records are found, listed and ordered across services. */
export interface FailureFeature<P extends FailureRecordPatterns> {
  readonly patterns: (service: DeadLetterService) => P;
  /** The order of a list merged over every service. */
  readonly order: (a: ItemOf<P>, b: ItemOf<P>) => number;
  /** The get request for the key a route's path names (a dead letter's id, a seq). */
  readonly key: (key: string) => RpcRequest<P['get']>;
}

/**
 * The reading half of a feature's admin routes, the same for dead letters and parked events:
 * a page of one service or of all (see listPage), and one record of a named service.
 */
export class FailureRecords<P extends FailureRecordPatterns> {
  constructor(
    private readonly services: ServicesClient,
    private readonly feature: FailureFeature<P>,
  ) {}

  list<Query extends ListQuery>(query: Query) {
    const { patterns, order } = this.feature;
    return listPage(
      query,
      // The query passed the route's DTO; the service checks the request against its schema.
      (service, request) =>
        this.services.call(patterns(service).list, request as RpcRequest<P['list']>) as Promise<
          Page<ItemOf<P>>
        >,
      order,
    );
  }

  get(service: string, key: string): Promise<RpcResponse<P['get']>> {
    const { patterns } = this.feature;
    return this.services.call<P['get']>(patterns(knownService(service)).get, this.feature.key(key));
  }
}
