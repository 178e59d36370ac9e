import type { Rpc, RpcResponse } from '@eventmart/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsEmailAddress } from '../http/email-address.decorator.js';
import { MailboxQueryDto } from '../mailbox/mailbox.dto.js';

export class ShipOrderDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100, example: 'DHL' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  carrier?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 100, example: 'JJD000390007' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  trackingNumber?: string;
}

type Shipment = RpcResponse<typeof Rpc.markShipped>;

export class ShipmentViewDto implements Shipment {
  @ApiProperty()
  orderId!: string;

  @ApiProperty()
  shipmentId!: string;

  @ApiProperty({ enum: ['READY', 'SHIPPED', 'CANCELLED'] })
  status!: Shipment['status'];
}

export class AdminMailboxQueryDto extends MailboxQueryDto {
  @ApiPropertyOptional({ description: 'Only the e-mails sent to this address.' })
  @IsOptional()
  @IsEmailAddress()
  to?: string;
}
