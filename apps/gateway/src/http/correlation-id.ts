import { randomUUID } from 'node:crypto';
import type { GatewayRequest, GatewayResponse } from './gateway-request.js';

export const CORRELATION_HEADER = 'X-Request-Id';

// A caller's id travels into logs and events: anything else than a short token is replaced.
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request's correlation id: the caller's X-Request-Id when it is a plain token, else a
 * new UUID. Decided once per request and echoed in the response header, so the caller can
 * quote it, and passed to the services so their events carry it.
 */
export function correlationIdOf(request: GatewayRequest, response: GatewayResponse): string {
  if (request.correlationId !== undefined) return request.correlationId;
  const given = request.headers[CORRELATION_HEADER.toLowerCase()];
  const id = typeof given === 'string' && ACCEPTABLE.test(given) ? given : randomUUID();
  request.correlationId = id;
  response.setHeader(CORRELATION_HEADER, id);
  return id;
}

/** Runs before guards, so even a 401 carries the id. */
export function correlationIdMiddleware(
  request: GatewayRequest,
  response: GatewayResponse,
  next: () => void,
): void {
  correlationIdOf(request, response);
  next();
}
