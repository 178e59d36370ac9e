import type { Logger } from '@nestjs/common';
import { describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_TOKEN_TTL_SECONDS,
  resolveJwtSecret,
  resolveTokenTtl,
} from './user-module.options.js';

const logger = () => ({ warn: vi.fn() }) as unknown as Logger & { warn: ReturnType<typeof vi.fn> };

describe('UserModule options', () => {
  it('uses the configured secret as it is, without a word', () => {
    const log = logger();
    const secret = 'x'.repeat(40);
    expect(resolveJwtSecret({ jwtSecret: secret }, log)).toBe(secret);
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('makes up a random secret when none is set, and warns that tokens die with the process', () => {
    const log = logger();
    const first = resolveJwtSecret({}, log);
    const second = resolveJwtSecret({ jwtSecret: '' }, log);
    expect(Buffer.from(first, 'base64url')).toHaveLength(32);
    expect(second).not.toBe(first);
    expect(log.warn).toHaveBeenCalledTimes(2);
    expect(String(log.warn.mock.calls[0]?.[0])).toMatch(/no JWT secret configured/);
  });

  it('warns about a secret shorter than 32 bytes', () => {
    const log = logger();
    expect(resolveJwtSecret({ jwtSecret: 'short' }, log)).toBe('short');
    expect(String(log.warn.mock.calls[0]?.[0])).toMatch(/shorter than 32 bytes/);
  });

  it('gives tokens an hour unless told otherwise, and refuses a lifetime that is no lifetime', () => {
    expect(resolveTokenTtl({})).toBe(DEFAULT_TOKEN_TTL_SECONDS);
    expect(DEFAULT_TOKEN_TTL_SECONDS).toBe(3_600);
    expect(resolveTokenTtl({ tokenTtlSeconds: 60 })).toBe(60);
    expect(() => resolveTokenTtl({ tokenTtlSeconds: 0 })).toThrow(/positive whole number/);
    expect(() => resolveTokenTtl({ tokenTtlSeconds: 1.5 })).toThrow(/positive whole number/);
  });
});
