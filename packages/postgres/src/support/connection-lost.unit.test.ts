import { describe, expect, it } from 'vitest';
import { isConnectionLost } from './connection-lost.js';

const pgError = (code: string, message = 'error') => Object.assign(new Error(message), { code });

describe('isConnectionLost', () => {
  it('knows a connection the server ended, or that broke, also behind a cause', () => {
    expect(
      isConnectionLost(pgError('57P01', 'terminating connection due to administrator command')),
    ).toBe(true);
    expect(isConnectionLost(pgError('08006'))).toBe(true);
    expect(isConnectionLost(pgError('ECONNRESET'))).toBe(true);
    expect(isConnectionLost(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isConnectionLost(new Error('Client has encountered a connection error and is not queryable')),
    ).toBe(true);
    expect(isConnectionLost(new Error('migration 0001 failed', { cause: pgError('57P01') }))).toBe(
      true,
    );
  });

  it('tells them from errors of the statement or the data', () => {
    expect(isConnectionLost(pgError('42P01', 'relation "x" does not exist'))).toBe(false);
    expect(isConnectionLost(pgError('23505', 'duplicate key value'))).toBe(false);
    expect(isConnectionLost('Connection terminated')).toBe(false);
    expect(isConnectionLost(undefined)).toBe(false);
  });
});
