import type { DeadLetterService } from '@eventmart/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsUUID,
} from 'class-validator';
import { NoteField, ServiceField, TextField } from '../admin-fields.decorator.js';
import { FailureQueryDto } from '../failure-record.dto.js';

const STATUSES = ['open', 'replayed', 'discarded'] as const;

export class DeadLetterQueryDto extends FailureQueryDto {
  @TextField({ example: 'retries-exhausted' })
  reason?: string;

  @ApiPropertyOptional({ enum: STATUSES, description: 'Any status when absent.' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];
}

/** What to replay or discard: ids, a subject, an event type (all given must match), or all. */
export class DeadLetterActionDto {
  @ServiceField('Only this service; every service when absent.')
  service?: DeadLetterService;

  @ApiPropertyOptional({ type: [String], format: 'uuid', minItems: 1, maxItems: 500 })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids?: string[];

  @TextField({ description: 'The message key: the order id, the user id...' })
  subject?: string;

  @TextField({ example: 'order.placed' })
  type?: string;

  @ApiPropertyOptional({ description: 'Every open dead letter; not combined with the others.' })
  @IsOptional()
  @IsBoolean()
  all?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Say what would happen; change nothing.' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @NoteField('Why: kept in the audit trail.')
  note?: string;
}
