import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'lines.0.quantity' })
  field!: string;

  @ApiProperty({ example: 'quantity must not be greater than 1000' })
  message!: string;
}

/** Every error the gateway answers has this shape. */
export class ErrorBodyDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({
    example: 'BAD_REQUEST',
    description:
      'BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, PAYLOAD_TOO_LARGE, ' +
      'SERVICE_UNAVAILABLE, GATEWAY_TIMEOUT or INTERNAL',
  })
  code!: string;

  @ApiProperty({ example: 'invalid request' })
  message!: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'One entry per invalid field.' })
  details?: FieldErrorDto[];

  @ApiProperty({ description: 'Quote it when reporting a problem; it is in the logs too.' })
  correlationId!: string;
}
