import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { GatewayRequest } from './gateway-request.js';
import { invalidRequest } from './invalid-request.js';
import { unstorableFields } from './storable-text.js';

/**
 * Refuses, with a 400 naming the fields, a request whose body, query string or path parameters
 * hold text no service could store (see storable-text.ts). App-wide guards run before the
 * routes' own, so such a request reaches no service, not even the token check; a guard rather
 * than a pipe because pipes run after the guards.
 */
@Injectable()
export class StorableTextGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const details = [
      ...unstorableFields(request.params),
      ...unstorableFields(request.query),
      ...unstorableFields(request.body),
    ];
    if (details.length > 0) throw invalidRequest(details);
    return true;
  }
}
