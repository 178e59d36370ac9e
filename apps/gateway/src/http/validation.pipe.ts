import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { invalidRequest, type FieldError } from './invalid-request.js';

function flatten(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field =
      parent && error.property ? `${parent}.${error.property}` : parent || error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field: field || '(body)',
      message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * The gateway's input validation: unknown fields are refused, values are converted to the
 * DTO's types, and a 400 names every invalid field (as the services' BAD_REQUEST does).
 */
export class GatewayValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => invalidRequest(flatten(errors)),
    });
  }

  // A bodiless POST (no JSON sent) is an empty object, so its fields are reported by name.
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return super.transform(metadata.type === 'body' && value === undefined ? {} : value, metadata);
  }
}
