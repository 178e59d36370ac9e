import type { Role, UserView } from '@eventmart/contracts';
import type { z } from 'zod';

export type UserRole = z.infer<typeof Role>;

/** An account as the service stores it; the hash never leaves the service. */
export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: UserRole;
  readonly passwordHash: string;
  readonly createdAt: Date;
}

/** What callers of the service see of an account. */
export function toUserView(user: User): z.infer<typeof UserView> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
  };
}
