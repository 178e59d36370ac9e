import { Rpc } from '@eventmart/contracts';
import { RpcCallRejected } from '@eventmart/nest-rpc';
import {
  ForbiddenException,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { GatewayRequest } from '../http/gateway-request.js';
import { ServicesClient } from '../rpc/services.client.js';

const ADMIN_ONLY = 'eventmart:admin-only';

/** On a controller or route guarded by BearerAuthGuard: customers get 403. */
export const AdminOnly = (): ClassDecorator & MethodDecorator => SetMetadata(ADMIN_ONLY, true);

const BEARER = /^Bearer ([^\s]+)$/i;

/**
 * Lets a request through when its `Authorization: Bearer <token>` is valid for the user
 * service, which owns the signing secret; the user it answers becomes `request.user`.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly services: ServicesClient,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (token === undefined) throw unauthorized('a bearer token is required');
    request.user = await this.services.call(Rpc.verifyToken, { token }).catch((error: unknown) => {
      // The service's verdict on the token; its being down stays a 503, not a 401.
      if (error instanceof RpcCallRejected) throw unauthorized('invalid or expired token');
      throw error;
    });
    const adminOnly = this.reflector.getAllAndOverride<boolean | undefined>(ADMIN_ONLY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (adminOnly === true && request.user.role !== 'admin') {
      throw new ForbiddenException({ code: 'FORBIDDEN', message: 'administrators only' });
    }
    return true;
  }
}

const unauthorized = (message: string) =>
  new UnauthorizedException({ code: 'UNAUTHORIZED', message });
