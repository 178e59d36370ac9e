import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { BaseRpcExceptionFilter } from '@nestjs/microservices';
import { correlationIdOf } from './correlation-id.js';
import { errorAnswerFor } from './error-answer.js';
import type { GatewayRequest, GatewayResponse } from './gateway-request.js';

/**
 * Answers every failed HTTP request with an ErrorBody and the correlation id, and logs the
 * faults (5xx) under that id. Installed app-wide, so it also sees what fails before routing
 * (a malformed or oversized body) and, in a hybrid app that shares its configuration, RPC
 * handlers' errors: those keep Nest's own RPC handling.
 */
@Catch()
export class GatewayExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Gateway');
  private readonly rpcFilter = new BaseRpcExceptionFilter();

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType() !== 'http') return this.rpcFilter.catch(exception, host);
    const http = host.switchToHttp();
    const request = http.getRequest<GatewayRequest>();
    const response = http.getResponse<GatewayResponse>();
    const correlationId = correlationIdOf(request, response);
    const answer = errorAnswerFor(exception);
    if (answer.statusCode >= 500) {
      const error = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error(
        `${request.method} ${request.originalUrl} failed [${correlationId}]: ${error.message}`,
        error.stack,
      );
    }
    if (answer.statusCode === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    this.adapterHost.httpAdapter.reply(response, { ...answer, correlationId }, answer.statusCode);
    return undefined;
  }
}
