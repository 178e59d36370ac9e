import { Rpc, type RpcResponse } from '@eventmart/contracts';
import { parseRpcRequest, rpcFailure } from '@eventmart/nest-rpc';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ProductQueries } from '../application/product-queries.js';
import type { Product } from '../domain/product.js';

type ProductViews = RpcResponse<typeof Rpc.listProducts>;

const view = ({ sku, name, unitPrice, currency, available }: Product): ProductViews[number] => ({
  sku,
  name,
  unitPrice,
  currency,
  available,
});

@Controller()
export class InventoryRpcController {
  constructor(private readonly queries: ProductQueries) {}

  @MessagePattern(Rpc.listProducts.name)
  async listProducts(@Payload() payload: unknown): Promise<ProductViews> {
    parseRpcRequest(Rpc.listProducts, payload ?? {});
    return (await this.queries.list()).map(view);
  }

  /** NOT_FOUND naming every unknown SKU; otherwise the products in the order asked. */
  @MessagePattern(Rpc.getProducts.name)
  async getProducts(@Payload() payload: unknown): Promise<RpcResponse<typeof Rpc.getProducts>> {
    const { skus } = parseRpcRequest(Rpc.getProducts, payload);
    const lookup = await this.queries.get(skus);
    if (!lookup.found) throw rpcFailure('NOT_FOUND', `unknown SKU: ${lookup.missing.join(', ')}`);
    return lookup.products.map(view);
  }
}
