import { afterEach, describe, expect, it, vi } from 'vitest';
import { pgTestUrl, redactedUrl } from './pg-test-url.js';

describe('pgTestUrl', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('defaults to the local server', () => {
    vi.stubEnv('PG_TEST_URL', undefined);
    expect(pgTestUrl()).toBe('postgres://postgres@127.0.0.1:5432/postgres');
    vi.stubEnv('PG_TEST_URL', '');
    expect(pgTestUrl()).toBe('postgres://postgres@127.0.0.1:5432/postgres');
  });

  it('follows PG_TEST_URL', () => {
    vi.stubEnv('PG_TEST_URL', 'postgres://ci@db:5433/ci');
    expect(pgTestUrl()).toBe('postgres://ci@db:5433/ci');
  });

  it('hides a password in messages', () => {
    expect(redactedUrl('postgres://ci:secret@db/ci')).toBe('postgres://ci:***@db/ci');
  });
});
