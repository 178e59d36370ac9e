import { UserView } from '@eventmart/contracts';
import { describe, expect, it } from 'vitest';
import { toUserView, type User } from './user.js';

const ada: User = {
  id: '0190a7f0-0000-7000-8000-000000000001',
  email: 'Ada@Example.org',
  name: 'Ada Lovelace',
  role: 'customer',
  passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA',
  createdAt: new Date('2025-01-02T03:04:05.000Z'),
};

describe('toUserView', () => {
  it('shows the account as the contract describes it, without the password hash', () => {
    const view = toUserView(ada);
    expect(view).toEqual({
      id: ada.id,
      email: 'Ada@Example.org',
      name: 'Ada Lovelace',
      role: 'customer',
      createdAt: '2025-01-02T03:04:05.000Z',
    });
    expect(JSON.stringify(view)).not.toContain('argon2');
    expect(UserView.safeParse(view).success).toBe(true);
  });
});
