import type { DeadLetterService } from '@eventmart/contracts';
import { RpcCallFailed } from '@eventmart/nest-rpc';
import { BadRequestException } from '@nestjs/common';
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
