import type { Rpc, RpcResponse } from '@eventmart/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class MailboxQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, description: 'At most this many e-mails.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

type Mail = RpcResponse<typeof Rpc.listMailbox>[number];

export class MailViewDto implements Mail {
  @ApiProperty()
  id!: string;

  @ApiProperty({ example: 'ada@example.com' })
  to!: string;

  @ApiProperty({ example: 'Your order is confirmed' })
  subject!: string;

  @ApiProperty({ example: 'order-confirmed' })
  template!: string;

  @ApiProperty()
  text!: string;

  @ApiProperty({ nullable: true, type: String })
  orderId!: string | null;

  @ApiProperty({ format: 'date-time' })
  sentAt!: string;
}
