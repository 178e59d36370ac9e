import { DEAD_LETTER_SERVICES, type DeadLetterService } from '@eventmart/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const STATUSES = ['open', 'replayed', 'discarded'] as const;

export class DeadLetterQueryDto {
  @ApiPropertyOptional({
    enum: DEAD_LETTER_SERVICES,
    description: 'Only this service; every service when absent.',
  })
  @IsOptional()
  @IsIn(DEAD_LETTER_SERVICES)
  service?: DeadLetterService;

  @ApiPropertyOptional({ example: 'order.placed', description: 'The event type.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  type?: string;

  @ApiPropertyOptional({ description: 'The message key: the order id, the user id...' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  subject?: string;

  @ApiPropertyOptional({ example: 'retries-exhausted' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reason?: string;

  @ApiPropertyOptional({ enum: STATUSES, description: 'Any status when absent.' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];

  @ApiPropertyOptional({ example: 'inventory.reserve-stock', description: 'The consumer.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  consumer?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

/** What to replay or discard: ids, a subject, an event type (all given must match), or all. */
export class DeadLetterActionDto {
  @ApiPropertyOptional({
    enum: DEAD_LETTER_SERVICES,
    description: 'Only this service; every service when absent.',
  })
  @IsOptional()
  @IsIn(DEAD_LETTER_SERVICES)
  service?: DeadLetterService;

  @ApiPropertyOptional({ type: [String], format: 'uuid', minItems: 1, maxItems: 500 })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids?: string[];

  @ApiPropertyOptional({ description: 'The message key: the order id, the user id...' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  subject?: string;

  @ApiPropertyOptional({ example: 'order.placed' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  type?: string;

  @ApiPropertyOptional({ description: 'Every open dead letter; not combined with the others.' })
  @IsOptional()
  @IsBoolean()
  all?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Say what would happen; change nothing.' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ maxLength: 500, description: 'Why: kept in the audit trail.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
