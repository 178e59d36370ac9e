/**
 * Whether an error (or one of its causes) says the connection to PostgreSQL was lost rather
 * than that the statement was wrong: the server ended it (SQLSTATE 57P01 admin_shutdown,
 * e.g. pg_terminate_backend, 57P02 crash_shutdown, 57P03 cannot_connect_now), a connection
 * exception (class 08), or node-postgres finding the socket gone. Work that failed so inside a
 * transaction was rolled back by the server and can be tried again on a new connection.
 */
export function isConnectionLost(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 10; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (/^57P0[123]$/.test(code) || code.startsWith('08')))
      return true;
    if (typeof code === 'string' && ['ECONNRESET', 'ECONNREFUSED', 'EPIPE'].includes(code))
      return true;
    if (/Connection terminated|not queryable|connection error/i.test(current.message)) return true;
    current = current.cause;
  }
  return false;
}
