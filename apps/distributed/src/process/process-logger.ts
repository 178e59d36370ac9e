import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { text, type Env } from '../config/env.js';
import type { ProcessName } from '../config/services.js';

const DEFAULT_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log'];

/**
 * Nest's console logger with the process's name where Nest writes `[Nest]`, so the lines of
 * seven processes stay apart wherever they end up. Levels: NEST_LOG_LEVEL (e.g. `>=debug`),
 * else log and above. Colours only on a terminal.
 */
export function processLogger(name: ProcessName, env: Env): ConsoleLogger {
  return new ConsoleLogger({
    prefix: name,
    colors: process.stdout.isTTY === true,
    ...(text(env, 'NEST_LOG_LEVEL') === undefined ? { logLevels: DEFAULT_LEVELS } : {}),
  });
}
