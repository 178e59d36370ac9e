/** The logging port: structured fields, no formatting in the core. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** One JSON line per entry on stderr; levels below `minimum` are dropped. */
export function consoleLogger(
  name: string,
  minimum: 'debug' | 'info' | 'warn' | 'error' = 'info',
): Logger {
  const order = ['debug', 'info', 'warn', 'error'] as const;
  const write =
    (level: (typeof order)[number]) =>
    (message: string, fields?: Record<string, unknown>): void => {
      if (order.indexOf(level) < order.indexOf(minimum)) return;
      const line = { time: new Date().toISOString(), level, name, message, ...fields };
      process.stderr.write(`${JSON.stringify(line)}\n`);
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
