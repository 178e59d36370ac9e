import { DEAD_LETTER_SERVICES } from '@eventmart/contracts';
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';

// The optional fields the admin routes over every service share, each one decorator.

/**
 * Applies `decorators` as if stacked in this order above a property: the lowest first, so that
 * a 400 names a field's broken rules in the order the rules are written.
 */
const stacked = (...decorators: PropertyDecorator[]) => applyDecorators(...decorators.reverse());

/** One of the services that answer for their dead letters and parked events. */
export const ServiceField = (description: string) =>
  stacked(
    ApiPropertyOptional({ enum: DEAD_LETTER_SERVICES, description }),
    IsOptional(),
    IsIn(DEAD_LETTER_SERVICES),
  );

/** A filter or a selection by text: an event type, a subject, a consumer... */
export const TextField = (options: ApiPropertyOptions = {}) =>
  stacked(ApiPropertyOptional(options), IsOptional(), IsString(), Length(1, 200));

/** Why the administrator acts, as the service keeps it. */
export const NoteField = (description: string) =>
  stacked(
    ApiPropertyOptional({ maxLength: 500, description }),
    IsOptional(),
    IsString(),
    MaxLength(500),
  );

/** How many items a page holds; a query string, so converted to a number. */
export const LimitField = () =>
  stacked(
    ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(500),
  );

/** How many items come before the page. */
export const OffsetField = () =>
  stacked(
    ApiPropertyOptional({ minimum: 0, default: 0 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(0),
  );
