import type { DeadLetterService } from '@eventmart/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { NoteField, ServiceField, TextField } from '../admin-fields.decorator.js';
import { FailureQueryDto } from '../failure-record.dto.js';

const SEQ = /^[1-9][0-9]{0,17}$/;

export class ParkedEventQueryDto extends FailureQueryDto {}

/** What to retry now: one event (`service` and `seq`), or the first events of a subject. */
export class ParkedRetryNowDto {
  @ServiceField('Required with `seq`; with `subject`, only this service (every one when absent).')
  service?: DeadLetterService;

  @ApiPropertyOptional({ example: '42', description: 'The parked event, numbered in its service.' })
  @IsOptional()
  @IsString()
  @Matches(SEQ, { message: 'seq must be a parked event number: a whole number from 1' })
  seq?: string;

  @TextField({ description: 'The ordering key: the order id, the user id...' })
  subject?: string;

  @NoteField('Why: logged with the administrator.')
  note?: string;
}
