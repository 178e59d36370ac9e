import { BadRequestException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { LoginDto } from '../auth/auth.dto.js';
import { GatewayValidationPipe } from './validation.pipe.js';

const validate = (body: object) =>
  new GatewayValidationPipe().transform(body, { type: 'body', metatype: LoginDto });

describe('the e-mail rule', () => {
  it.each([
    ['a lone surrogate', '\uD800'],
    ['a lone surrogate in an address', 'ada\uDC00@example.com'],
    ['no address at all', 'ada'],
  ])('refuses %s with a 400 naming email, not a crash', async (_case, email) => {
    const refusal = await validate({ email, password: 'password-1' }).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(BadRequestException);
    expect((refusal as BadRequestException).getResponse()).toMatchObject({
      details: [{ field: 'email', message: 'email must be an email' }],
    });
  });

  it('accepts an address', async () => {
    await expect(validate({ email: 'ada@example.com', password: 'password-1' })).resolves.toEqual({
      email: 'ada@example.com',
      password: 'password-1',
    });
  });
});
