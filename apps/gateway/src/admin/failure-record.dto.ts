import { DEAD_LETTER_SERVICES, type DeadLetterService } from '@eventmart/contracts';
import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { LimitField, OffsetField, ServiceField, TextField } from './admin-fields.decorator.js';

// What the dead-letter and parked-event routes share: their list queries, the message a record
// keeps, the page they answer. Each feature's DTOs extend these with what is its own.

/** The filters and page of a failure-record list. */
export class FailureQueryDto {
  @ServiceField('Only this service; every service when absent.')
  service?: DeadLetterService;

  @TextField({ example: 'order.placed', description: 'The event type.' })
  type?: string;

  @TextField({ description: 'The message key (the ordering key): the order id, the user id...' })
  subject?: string;

  @TextField({ example: 'inventory.reserve-stock', description: 'The consumer.' })
  consumer?: string;

  @LimitField()
  limit?: number;

  @OffsetField()
  offset?: number;
}

/** The message as the consumer received it, and the stack of its last error. */
export class FailedMessageDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  headers!: Record<string, string>;

  @ApiProperty({ description: 'The message body as received.' })
  payload!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The stack of the last error.' })
  errorStack!: string | null;
}

export class ServiceFaultDto {
  @ApiProperty({ enum: DEAD_LETTER_SERVICES })
  service!: string;

  @ApiProperty({
    example: 'SERVICE_UNAVAILABLE',
    description: 'SERVICE_UNAVAILABLE, GATEWAY_TIMEOUT or INTERNAL',
  })
  code!: string;

  @ApiProperty()
  message!: string;
}

/** A page of `item`s over one service or all (`order` says in which order), for a list DTO to extend. */
export function FailureListDto<Item>(item: Type<Item>, order: string) {
  class FailureList {
    @ApiProperty({ type: [item], description: order })
    items!: Item[];

    @ApiProperty({ description: 'How many match in the services that answered.' })
    total!: number;

    @ApiProperty({ type: [ServiceFaultDto], description: 'Services asked that did not answer.' })
    unavailable!: ServiceFaultDto[];
  }
  return FailureList;
}
