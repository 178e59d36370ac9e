import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { correlationIdOf } from './correlation-id.js';
import type { GatewayRequest, GatewayResponse } from './gateway-request.js';

/** The request's correlation id (see correlationIdOf), to pass on to a service. */
export const CorrelationId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => {
    const http = context.switchToHttp();
    return correlationIdOf(http.getRequest<GatewayRequest>(), http.getResponse<GatewayResponse>());
  },
);
