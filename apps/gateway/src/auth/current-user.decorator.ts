import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedUser, GatewayRequest } from '../http/gateway-request.js';

/** The user BearerAuthGuard verified; only on guarded routes. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser => {
    const user = context.switchToHttp().getRequest<GatewayRequest>().user;
    if (user === undefined) throw new Error('CurrentUser used on a route without BearerAuthGuard');
    return user;
  },
);
