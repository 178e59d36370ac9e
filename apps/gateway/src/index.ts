export { GatewayModule } from './gateway.module.js';
export { RPC_SERVICES, type GatewayOptions, type RpcService } from './gateway.options.js';
export { configureGateway, BODY_LIMIT } from './configure-gateway.js';
export { buildOpenApiDocument, DOCS_PATH, DOCS_JSON_PATH } from './openapi.js';
export { ServicesClient } from './rpc/services.client.js';
export { CORRELATION_HEADER } from './http/correlation-id.js';
