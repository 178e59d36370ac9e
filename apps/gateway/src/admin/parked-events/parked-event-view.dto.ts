import { DEAD_LETTER_SERVICES, ParkedRetryNowOutcome } from '@eventmart/contracts';
import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { FailedMessageDto, FailureListDto, ServiceFaultDto } from '../failure-record.dto.js';

const nullableString = { type: String, nullable: true } as const;
type Outcome = (typeof ParkedRetryNowOutcome.options)[number];

export class ParkedEventViewDto {
  @ApiProperty({ example: '42', description: 'Its number in its service, in decimal.' })
  seq!: string;

  @ApiProperty({ enum: DEAD_LETTER_SERVICES })
  service!: string;

  @ApiProperty({ example: 'inventory.reserve-stock', description: '`<service>.<handler>`.' })
  consumer!: string;

  @ApiProperty({ example: 'reserve-stock' })
  handler!: string;

  @ApiProperty()
  eventId!: string;

  @ApiProperty({ example: 'order.placed' })
  eventType!: string;

  @ApiProperty({ description: 'The ordering key (message key), e.g. the order id.' })
  subject!: string;

  @ApiProperty({ example: 'orders.new' })
  topic!: string;

  @ApiProperty()
  partition!: number;

  @ApiProperty()
  offset!: string;

  @ApiProperty({ description: 'Tries so far, in place and delayed; 0 if it only waits behind.' })
  attempts!: number;

  @ApiProperty({ description: 'Delayed tries so far: they pick the next delay.' })
  delayedAttempts!: number;

  @ApiProperty({
    format: 'date-time',
    description: 'Its next try, once it is the first of its key.',
  })
  retryAt!: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Null: it has not failed, it waits behind an earlier event of its key.',
  })
  firstFailedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  parkedAt!: string;

  @ApiProperty({ ...nullableString, description: 'The last error.' })
  error!: string | null;

  @ApiProperty({
    ...nullableString,
    description: 'The first parked event of its key, which runs first; null if this is it.',
  })
  blockedBy!: string | null;
}

export class ParkedEventListDto extends FailureListDto(
  ParkedEventViewDto,
  'Oldest parked first: the events of a key in the order they will run.',
) {}

export class ParkedEventDetailsDto extends IntersectionType(ParkedEventViewDto, FailedMessageDto) {}

export class ParkedRetryNowResultDto {
  @ApiProperty({ enum: DEAD_LETTER_SERVICES })
  service!: string;

  @ApiProperty({ example: '42' })
  seq!: string;

  @ApiProperty()
  consumer!: string;

  @ApiProperty()
  handler!: string;

  @ApiProperty()
  eventType!: string;

  @ApiProperty()
  subject!: string;

  @ApiProperty({
    enum: ParkedRetryNowOutcome.options,
    description:
      'due-now (the first of its key: tried at once), already-due (due or being tried ' +
      'already), behind (not the first of its key: it runs after `blockedBy`; nothing changed)',
  })
  outcome!: Outcome;

  @ApiProperty({ format: 'date-time', description: 'Its next try after the request.' })
  retryAt!: string;

  @ApiProperty(nullableString)
  blockedBy!: string | null;
}

export class ParkedRetryNowResponseDto {
  @ApiProperty({ description: 'Who asked, as logged by each service.' })
  actor!: string;

  @ApiProperty({ type: [ParkedRetryNowResultDto], description: 'One per event selected.' })
  results!: ParkedRetryNowResultDto[];

  @ApiProperty({ type: [ServiceFaultDto] })
  unavailable!: ServiceFaultDto[];
}
