import { CancellationReason, OrderStatus, type Rpc, type RpcResponse } from '@eventmart/contracts';
import { ApiProperty } from '@nestjs/swagger';

type OrderDetails = RpcResponse<typeof Rpc.getOrder>;
type OrderView = OrderDetails['order'];

export class OrderLineDto {
  @ApiProperty({ example: 'MUG-001' })
  sku!: string;

  @ApiProperty({ example: 2 })
  quantity!: number;

  @ApiProperty({ description: 'In minor units (cents), from the catalogue.', example: 1250 })
  unitPrice!: number;
}

export class OrderViewDto implements OrderView {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  customerId!: string;

  @ApiProperty({ enum: OrderStatus.options })
  status!: OrderView['status'];

  @ApiProperty({ type: [OrderLineDto] })
  lines!: OrderLineDto[];

  @ApiProperty({ description: 'In minor units (cents).', example: 2500 })
  total!: number;

  @ApiProperty({ example: 'EUR' })
  currency!: string;

  @ApiProperty({ enum: CancellationReason.options, nullable: true, type: String })
  cancellationReason!: OrderView['cancellationReason'];

  @ApiProperty({ nullable: true, type: String })
  cancellationDetail!: string | null;

  @ApiProperty({ description: 'Increases with every change of the order.' })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  placedAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class OrderHistoryEntryDto {
  @ApiProperty()
  version!: number;

  @ApiProperty({ example: 'order.confirmed' })
  type!: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  data!: Record<string, unknown>;

  @ApiProperty({ format: 'date-time' })
  recordedAt!: string;
}

export class OrderDetailsDto implements OrderDetails {
  @ApiProperty({ type: OrderViewDto })
  order!: OrderViewDto;

  @ApiProperty({ type: [OrderHistoryEntryDto] })
  history!: OrderHistoryEntryDto[];
}
