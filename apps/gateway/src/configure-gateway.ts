import type { NestExpressApplication } from '@nestjs/platform-express';
import { serveOpenApiDocs } from './openapi.js';

/** Larger JSON bodies are refused with 413 before any parsing work. */
export const BODY_LIMIT = '100kb';

/**
 * The application-level part of the gateway, for the app that imports GatewayModule: the
 * JSON body limit and the OpenAPI docs. Call it before `app.init()` or `app.listen()`.
 */
export function configureGateway(app: NestExpressApplication): void {
  app.useBodyParser('json', { limit: BODY_LIMIT });
  serveOpenApiDocs(app);
}
