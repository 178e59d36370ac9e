import { DEAD_LETTER_SERVICES, DeadLetterOutcome } from '@eventmart/contracts';
import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { FailedMessageDto, FailureListDto, ServiceFaultDto } from '../failure-record.dto.js';

const STATUSES = ['open', 'replayed', 'discarded'];
const nullableString = { type: String, nullable: true } as const;

export class DeadLetterViewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: DEAD_LETTER_SERVICES })
  service!: string;

  @ApiProperty({ example: 'inventory.reserve-stock', description: '`<service>.<handler>`.' })
  consumer!: string;

  @ApiProperty({ ...nullableString, description: 'Null when no handler was reached.' })
  handler!: string | null;

  @ApiProperty({
    example: 'retries-exhausted',
    description:
      'empty-body, invalid-encoding, malformed-json, invalid-envelope, unknown-event, ' +
      'unsupported-version, invalid-data, ' +
      'permanent-error or retries-exhausted',
  })
  reason!: string;

  @ApiProperty({ enum: STATUSES })
  status!: 'open' | 'replayed' | 'discarded';

  @ApiProperty(nullableString)
  eventId!: string | null;

  @ApiProperty({ ...nullableString, example: 'order.placed' })
  eventType!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  eventVersion!: number | null;

  @ApiProperty({ ...nullableString, description: 'The message key, e.g. the order id.' })
  subject!: string | null;

  @ApiProperty({ example: 'orders.new' })
  topic!: string;

  @ApiProperty({ type: Number, nullable: true })
  partition!: number | null;

  @ApiProperty(nullableString)
  offset!: string | null;

  @ApiProperty({ description: 'The last error: the original, or that of the last failed replay.' })
  error!: string;

  @ApiProperty()
  attempts!: number;

  @ApiProperty({ format: 'date-time' })
  firstFailedAt!: string;

  @ApiProperty({ format: 'date-time' })
  lastFailedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  resolvedAt!: string | null;

  @ApiProperty({
    ...nullableString,
    description: 'The administrator who replayed or discarded it.',
  })
  resolvedBy!: string | null;
}

export class DeadLetterListDto extends FailureListDto(
  DeadLetterViewDto,
  'By first failure, latest first.',
) {}

export class DeadLetterAuditEntryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: 'Shared by the entries of one replay or discard.' })
  operationId!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ example: 'admin@example.com (0b7e6c1e-…)' })
  actor!: string;

  @ApiProperty({ enum: ['replay', 'discard'] })
  action!: 'replay' | 'discard';

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'As selected.' })
  selection!: Record<string, unknown>;

  @ApiProperty({ enum: DeadLetterOutcome.options })
  outcome!: DeadLetterOutcome;

  @ApiProperty(nullableString)
  error!: string | null;

  @ApiProperty(nullableString)
  note!: string | null;
}

export class DeadLetterDetailsDto extends IntersectionType(DeadLetterViewDto, FailedMessageDto) {
  @ApiProperty({ description: 'False without a valid envelope: it can only be discarded.' })
  replayable!: boolean;

  @ApiProperty({ type: [DeadLetterAuditEntryDto], description: 'Oldest first.' })
  audit!: DeadLetterAuditEntryDto[];
}

type DeadLetterOutcome = (typeof DeadLetterOutcome.options)[number];

export class DeadLetterResultDto {
  @ApiProperty({ enum: DEAD_LETTER_SERVICES })
  service!: string;

  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  consumer!: string;

  @ApiProperty(nullableString)
  eventType!: string | null;

  @ApiProperty(nullableString)
  subject!: string | null;

  @ApiProperty({
    enum: DeadLetterOutcome.options,
    description:
      'replayed, already-applied (applied meanwhile; not run twice), failed (kept, one ' +
      'attempt more), not-replayable (no valid envelope: discard it), not-open, discarded; ' +
      'in a dry run would-replay, would-fail, would-discard',
  })
  outcome!: DeadLetterOutcome;

  @ApiProperty(nullableString)
  error!: string | null;

  @ApiProperty({ type: [String], description: 'The handlers that ran, or would run.' })
  handlers!: string[];

  @ApiProperty({ description: 'Attempts after the action.' })
  attempts!: number;
}

export class DeadLetterActionResponseDto {
  @ApiProperty({ enum: ['replay', 'discard'] })
  action!: 'replay' | 'discard';

  @ApiProperty()
  dryRun!: boolean;

  @ApiProperty({ description: 'Who acted, as written in the audit trail.' })
  actor!: string;

  @ApiProperty({ type: [DeadLetterResultDto], description: 'One per dead letter selected.' })
  results!: DeadLetterResultDto[];

  @ApiProperty({ type: [String], description: 'Ids found in none of the services that answered.' })
  missing!: string[];

  @ApiProperty({ type: [ServiceFaultDto] })
  unavailable!: ServiceFaultDto[];
}
