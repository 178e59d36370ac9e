import { HTTP_STATUS_OF, type RpcErrorBody } from '@eventmart/contracts';
import { RpcCallFailed, RpcCallRejected } from '@eventmart/nest-rpc';
import { HttpException } from '@nestjs/common';

export interface ErrorAnswer {
  readonly statusCode: number;
  readonly code: string;
  readonly message: string;
  readonly details?: RpcErrorBody['details'];
}

const CODE_OF_STATUS: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

const INTERNAL: ErrorAnswer = { statusCode: 500, code: 'INTERNAL', message: 'unexpected error' };

/**
 * What the client is told about a failure. A service's declared failure keeps its code and
 * message; a fault (a service down, slow, or broken, or a bug here) says only what kind of
 * fault it is: its details go to the log, under the correlation id.
 */
export function errorAnswerFor(exception: unknown): ErrorAnswer {
  if (exception instanceof RpcCallRejected) {
    const { code, message, details } = exception.body;
    return { statusCode: HTTP_STATUS_OF[code], code, message, ...(details && { details }) };
  }
  if (exception instanceof RpcCallFailed) return answerForFault(exception);
  if (exception instanceof HttpException) return answerForHttp(exception);
  return INTERNAL;
}

function answerForFault(failure: RpcCallFailed): ErrorAnswer {
  const service = failure.pattern.slice(0, failure.pattern.indexOf('.'));
  switch (failure.kind) {
    case 'TIMEOUT':
      return {
        statusCode: 504,
        code: 'GATEWAY_TIMEOUT',
        message: `the ${service} service did not answer in time`,
      };
    case 'NO_HANDLER':
    case 'TRANSPORT':
      return {
        statusCode: 503,
        code: 'SERVICE_UNAVAILABLE',
        message: `the ${service} service is unavailable`,
      };
    default:
      return INTERNAL;
  }
}

function answerForHttp(exception: HttpException): ErrorAnswer {
  const statusCode = exception.getStatus();
  if (statusCode >= 500) return INTERNAL;
  const body = exception.getResponse();
  const fallbackCode = CODE_OF_STATUS[statusCode] ?? `HTTP_${statusCode}`;
  if (typeof body === 'string') return { statusCode, code: fallbackCode, message: body };
  const { code, message, details } = body as {
    code?: unknown;
    message?: unknown;
    details?: RpcErrorBody['details'];
  };
  return {
    statusCode,
    code: typeof code === 'string' ? code : fallbackCode,
    message: Array.isArray(message)
      ? message.join('; ')
      : typeof message === 'string'
        ? message
        : exception.message,
    ...(details && { details }),
  };
}
