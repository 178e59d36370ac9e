import { DEAD_LETTER_SERVICES, type DeadLetterService } from '@eventmart/contracts';
import { RpcCallFailed } from '@eventmart/nest-rpc';
import { BadRequestException, NotFoundException } from '@nestjs/common';
import { errorAnswerFor } from '../http/error-answer.js';
import type { AuthenticatedUser } from '../http/gateway-request.js';

// What the admin routes over every service share: asking each service, naming the operator.

/** Audit trails and logs name the administrator by e-mail and by id (the e-mail may change). */
export const actorOf = (user: AuthenticatedUser): string => `${user.email} (${user.id})`;

/** A service that did not answer, and why, as the gateway would have answered for it. */
export interface ServiceFault {
  service: DeadLetterService;
  code: string;
  message: string;
}

export type Answer<T> =
  { service: DeadLetterService; value: T } | { service: DeadLetterService; fault: ServiceFault };

/** Merged pages reach this deep at most: each service is asked for offset + limit items. */
export const MERGE_DEPTH = 500;

/**
 * Asks each service at once. With `tolerate`, a service that does not answer (down, slow,
 * broken) is kept as a fault in its place; a declared refusal (400, 404) still fails the whole.
 */
export function askEach<T>(
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

/**
 * Asks the service named, failing as it fails, or, when none is named, every service, keeping
 * those that do not answer as faults.
 */
export function askNamedOrEach<T>(
  service: DeadLetterService | undefined,
  ask: (service: DeadLetterService) => Promise<T>,
): Promise<Answer<T>[]> {
  const targets = service === undefined ? DEAD_LETTER_SERVICES : [service];
  return askEach(targets, ask, service === undefined);
}

export function valuesOf<T>(answers: readonly Answer<T>[]): T[] {
  return answers.flatMap((a) => ('value' in a ? [a.value] : []));
}

export function faultsOf<T>(answers: readonly Answer<T>[]): ServiceFault[] {
  return answers.flatMap((a) => ('fault' in a ? [a.fault] : []));
}

/** A 400 naming the field, as the validation pipe's are. */
export function badRequest(field: string, message: string): BadRequestException {
  return new BadRequestException({ code: 'BAD_REQUEST', message, details: [{ field, message }] });
}

/** The service a route's path names; 404 for one that is not known. */
export function knownService(service: string): DeadLetterService {
  const known = DEAD_LETTER_SERVICES.find((candidate) => candidate === service);
  if (known === undefined) {
    throw new NotFoundException({ code: 'NOT_FOUND', message: `no service ${service}` });
  }
  return known;
}

/** The results of each service's report, each named with its service. */
export function resultsOf<Result extends object>(
  reports: readonly { service: string; results: readonly Result[] }[],
): (Result & { service: string })[] {
  return reports.flatMap((report) =>
    report.results.map((result) => ({ service: report.service, ...result })),
  );
}

export interface Page<Item> {
  items: Item[];
  total: number;
}

/** What the list routes take: a service (or every one), an event type, a page; and filters. */
export interface ListQuery {
  service?: DeadLetterService;
  type?: string;
  limit?: number;
  offset?: number;
}

/** A list query as a service takes it: `type` named `eventType`, and the page to answer. */
export type ListRequest<Query extends ListQuery> = Omit<Query, keyof ListQuery> & {
  eventType?: string;
  limit: number;
  offset?: number;
};

/**
 * One page of a list: of the service named, failing as it fails; or of every service, each
 * asked for the first offset + limit items, merged in `order`, with the services that did not
 * answer named in `unavailable`.
 */
export async function listPage<Query extends ListQuery, Item>(
  query: Query,
  list: (service: DeadLetterService, request: ListRequest<Query>) => Promise<Page<Item>>,
  order: (a: Item, b: Item) => number,
): Promise<Page<Item> & { unavailable: ServiceFault[] }> {
  const { service, type, limit = 50, offset = 0, ...filter } = query;
  const request = { ...filter, ...(type !== undefined && { eventType: type }) };
  if (service !== undefined) {
    const page = await list(service, { ...request, limit, offset });
    return { ...page, unavailable: [] };
  }
  if (offset + limit > MERGE_DEPTH) {
    throw badRequest(
      'offset',
      `across every service, offset + limit may be at most ${MERGE_DEPTH}: name a service to page further`,
    );
  }
  const answers = await askEach(DEAD_LETTER_SERVICES, (s) =>
    list(s, { ...request, limit: offset + limit }),
  );
  const pages = valuesOf(answers);
  return {
    items: pages
      .flatMap((page) => page.items)
      .sort(order)
      .slice(offset, offset + limit),
    total: pages.reduce((sum, page) => sum + page.total, 0),
    unavailable: faultsOf(answers),
  };
}
