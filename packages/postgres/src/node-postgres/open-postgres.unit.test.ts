import { describe, expect, it } from 'vitest';
import { openDatabase } from '../open-database.js';
import { redactUrl } from './open-postgres.js';

describe('openPostgres without a server', () => {
  it('fails at open, naming the server but not the password', async () => {
    const opening = openDatabase({ url: 'postgres://app:s3cret@127.0.0.1:1/shop' });
    await expect(opening).rejects.toThrow(
      'Cannot connect to PostgreSQL at postgres://app:***@127.0.0.1:1/shop',
    );
  });

  it('redacts only the password', () => {
    expect(redactUrl('postgres://u@h:5432/d?sslmode=require')).toBe(
      'postgres://u@h:5432/d?sslmode=require',
    );
    expect(redactUrl('not a url')).toBe('(unparsable URL)');
  });
});
