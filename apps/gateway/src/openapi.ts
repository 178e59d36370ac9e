import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

export const DOCS_PATH = 'docs';
export const DOCS_JSON_PATH = 'docs-json';

/** The OpenAPI document of every HTTP route of the application. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('eventmart')
    .setDescription(
      'An event-driven shop. Register, log in, and send the access token as ' +
        '`Authorization: Bearer <token>`. Placing an order answers 202: stock, payment and ' +
        'shipping follow as events, and every error body carries a correlation id.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Serves the UI at /docs and the document at /docs-json. */
export function serveOpenApiDocs(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup(DOCS_PATH, app, () => document, { jsonDocumentUrl: DOCS_JSON_PATH });
}
