import type { Rpc, RpcRequest, RpcResponse } from '@eventmart/contracts';
import { BadRequestException } from '@nestjs/common';

type Product = RpcResponse<typeof Rpc.getProducts>[number];
type PricedLine = RpcRequest<typeof Rpc.placeOrder>['lines'][number];
interface RequestedLine {
  readonly sku: string;
  readonly quantity: number;
}

/**
 * Prices each requested line at the catalogue's current unit price: a customer names what to
 * buy, never what it costs. Refuses (400) unknown SKUs, naming each, and an order that would
 * mix currencies.
 */
export function priceLines(
  requested: readonly RequestedLine[],
  products: readonly Product[],
): { lines: PricedLine[]; currency: string } {
  const bySku = new Map(products.map((product) => [product.sku, product]));
  const lines: PricedLine[] = [];
  const currencies = new Set<string>();
  const unknown: { index: number; sku: string }[] = [];
  requested.forEach(({ sku, quantity }, index) => {
    const product = bySku.get(sku);
    if (product === undefined) {
      unknown.push({ index, sku });
      return;
    }
    lines.push({ sku, quantity, unitPrice: product.unitPrice });
    currencies.add(product.currency);
  });
  if (unknown.length > 0) {
    throw new BadRequestException({
      code: 'BAD_REQUEST',
      message: `unknown SKU: ${unknown.map(({ sku }) => sku).join(', ')}`,
      details: unknown.map(({ index, sku }) => ({
        field: `lines.${index}.sku`,
        message: `unknown SKU ${sku}`,
      })),
    });
  }
  const [currency, ...others] = currencies;
  if (currency === undefined || others.length > 0) {
    throw new BadRequestException({
      code: 'BAD_REQUEST',
      message: `an order is paid in one currency; these lines are in ${[...currencies].join(', ')}`,
    });
  }
  return { lines, currency };
}
