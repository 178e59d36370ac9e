import type { Logger as EventingLogger } from '@eventmart/eventing';
import { Logger } from '@nestjs/common';

/** The eventing core's logging port over Nest's Logger: fields go as JSON after the message. */
export function nestLogger(context: string): EventingLogger {
  const logger = new Logger(context);
  const line = (message: string, fields?: Record<string, unknown>): string =>
    fields === undefined ? message : `${message} ${JSON.stringify(fields)}`;
  return {
    debug: (message, fields) => logger.debug(line(message, fields)),
    info: (message, fields) => logger.log(line(message, fields)),
    warn: (message, fields) => logger.warn(line(message, fields)),
    error: (message, fields) => logger.error(line(message, fields)),
  };
}
