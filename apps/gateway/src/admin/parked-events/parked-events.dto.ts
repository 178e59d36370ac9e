import { DEAD_LETTER_SERVICES, type DeadLetterService } from '@eventmart/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const SEQ = /^[1-9][0-9]{0,17}$/;

export class ParkedEventQueryDto {
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

  @ApiPropertyOptional({
    description: 'The ordering key (message key): the order id, the user id...',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  subject?: string;

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

/** What to retry now: one event (`service` and `seq`), or the first events of a subject. */
export class ParkedRetryNowDto {
  @ApiPropertyOptional({
    enum: DEAD_LETTER_SERVICES,
    description: 'Required with `seq`; with `subject`, only this service (every one when absent).',
  })
  @IsOptional()
  @IsIn(DEAD_LETTER_SERVICES)
  service?: DeadLetterService;

  @ApiPropertyOptional({ example: '42', description: 'The parked event, numbered in its service.' })
  @IsOptional()
  @IsString()
  @Matches(SEQ, { message: 'seq must be a parked event number: a whole number from 1' })
  seq?: string;

  @ApiPropertyOptional({ description: 'The ordering key: the order id, the user id...' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  subject?: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'Why: logged with the administrator.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
