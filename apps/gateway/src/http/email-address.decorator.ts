import { buildMessage, isEmail, ValidateBy } from 'class-validator';
import { unstorableReason } from './storable-text.js';

/**
 * class-validator's `@IsEmail()`, minus its crash: validator.js decodes the address with
 * `decodeURIComponent`, which throws on a lone surrogate, and the request then answered 500.
 * Such an address is simply not one.
 */
export const IsEmailAddress = (): PropertyDecorator =>
  ValidateBy({
    name: 'isEmail',
    validator: {
      validate: (value) =>
        typeof value === 'string' && unstorableReason(value) === undefined && isEmail(value),
      defaultMessage: buildMessage((prefix) => `${prefix}$property must be an email`),
    },
  });
