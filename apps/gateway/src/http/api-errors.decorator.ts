import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorBodyDto } from './error-body.dto.js';

type ClientError = 400 | 401 | 403 | 404 | 409 | 413;

const WHEN: Readonly<Record<ClientError, string>> = {
  400:
    'Invalid input; `details` names each invalid field. On every route, text PostgreSQL cannot ' +
    'store (U+0000, a lone UTF-16 surrogate) in any body field, query or path parameter is ' +
    'invalid, and refused before any service is asked (authentication included).',
  401: 'No bearer token, or an invalid or expired one.',
  403: 'Signed in, but not an administrator.',
  404: 'No such resource, or not yours.',
  409: 'Conflicts with the current state.',
  413: 'The body is larger than the limit (100 kB).',
};

/**
 * Documents the route's client errors, plus what every route can answer: 400 (unstorable text,
 * see StorableTextGuard) and the faults (500, 503, 504), all with the ErrorBody shape.
 */
export function ApiErrors(...statuses: ClientError[]) {
  const documented: [number, string][] = [
    ...[...new Set<ClientError>([400, ...statuses])]
      .sort((a, b) => a - b)
      .map((status): [number, string] => [status, WHEN[status]]),
    [500, 'Unexpected error; quote the correlation id.'],
    [503, 'A service the route needs is unavailable.'],
    [504, 'A service the route needs did not answer in time.'],
  ];
  return applyDecorators(
    ...documented.map(([status, description]) =>
      ApiResponse({ status, description, type: ErrorBodyDto }),
    ),
  );
}
