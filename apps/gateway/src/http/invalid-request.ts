import { BadRequestException } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

/** The gateway's 400 for invalid input: the message names each field once, details say why. */
export function invalidRequest(details: readonly FieldError[]): BadRequestException {
  return new BadRequestException({
    code: 'BAD_REQUEST',
    message: `invalid request: ${[...new Set(details.map((d) => d.field))].join(', ')}`,
    details,
  });
}
