import type { Rpc, RpcResponse } from '@eventmart/contracts';
import { ApiProperty } from '@nestjs/swagger';

type ProductView = RpcResponse<typeof Rpc.listProducts>[number];

export class ProductViewDto implements ProductView {
  @ApiProperty({ example: 'MUG-001' })
  sku!: string;

  @ApiProperty({ example: 'Enamel mug' })
  name!: string;

  @ApiProperty({ description: 'In minor units (cents).', example: 1250 })
  unitPrice!: number;

  @ApiProperty({ example: 'EUR' })
  currency!: string;

  @ApiProperty({ description: 'Units in stock and not reserved.', example: 40 })
  available!: number;
}
