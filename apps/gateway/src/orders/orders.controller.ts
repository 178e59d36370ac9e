import { Rpc } from '@eventmart/contracts';
import { RpcCallRejected } from '@eventmart/nest-rpc';
import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { BearerAuthGuard } from '../auth/bearer-auth.guard.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { CORRELATION_HEADER } from '../http/correlation-id.js';
import { CorrelationId } from '../http/correlation-id.decorator.js';
import type { AuthenticatedUser, GatewayResponse } from '../http/gateway-request.js';
import { ServicesClient } from '../rpc/services.client.js';
import { priceLines } from './order-pricing.js';
import { OrderDetailsDto, OrderViewDto } from './order-view.dto.js';
import { CancelOrderDto, OrderQueryDto, PlaceOrderDto } from './orders.dto.js';

/** Customers see and cancel their own orders only; another's answers 404, as if absent. */
@ApiTags('orders')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('orders')
export class OrdersController {
  constructor(private readonly services: ServicesClient) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Place an order',
    description:
      'Accepted, not completed: stock, payment and shipping follow as events. Poll ' +
      '`GET /orders/{id}` to follow it; the confirmation or cancellation also arrives by e-mail.',
  })
  @ApiHeader({
    name: CORRELATION_HEADER,
    required: false,
    description: 'Echoed; generated if absent.',
  })
  @ApiAcceptedResponse({ type: OrderViewDto, description: 'The order, in status PLACED.' })
  @ApiErrors(400, 401, 413)
  async place(
    @Body() body: PlaceOrderDto,
    @CurrentUser() user: AuthenticatedUser,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: GatewayResponse,
  ) {
    const skus = body.lines.map((line) => line.sku);
    const products = await this.services.call(Rpc.getProducts, { skus }).catch(unknownSkus);
    const { lines, currency } = priceLines(body.lines, products);
    const order = await this.services.call(Rpc.placeOrder, {
      customerId: user.id,
      lines,
      currency,
      paymentToken: body.paymentToken,
      correlationId,
    });
    response.setHeader('Location', `/orders/${encodeURIComponent(order.id)}`);
    return order;
  }

  @Get()
  @ApiOperation({ summary: 'My orders' })
  @ApiOkResponse({ type: [OrderViewDto] })
  @ApiErrors(401)
  list(@CurrentUser() user: AuthenticatedUser) {
    return this.services.call(Rpc.listOrders, { customerId: user.id });
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One of my orders, with its history',
    description: 'An administrator may read any order.',
  })
  @ApiOkResponse({ type: OrderDetailsDto })
  @ApiErrors(400, 401, 404)
  get(
    @Param('id') orderId: string,
    @Query() query: OrderQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.services.call(Rpc.getOrder, {
      orderId,
      ...(user.role !== 'admin' && { customerId: user.id }),
      ...(query.asOf !== undefined && { asOf: new Date(query.asOf).toISOString() }),
    });
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel one of my orders',
    description: 'Until it is shipped; a refund follows if it was paid.',
  })
  @ApiOkResponse({ type: OrderViewDto })
  @ApiErrors(400, 401, 404, 409, 413)
  cancel(
    @Param('id') orderId: string,
    @Body() body: CancelOrderDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.services.call(Rpc.cancelOrder, {
      orderId,
      customerId: user.id,
      ...(body.reason !== undefined && { reason: body.reason }),
    });
  }
}

/** Should the catalogue refuse unknown SKUs itself, the customer still gets a 400 for them. */
function unknownSkus(error: unknown): never {
  if (error instanceof RpcCallRejected && error.body.code === 'NOT_FOUND') {
    throw new BadRequestException({ ...error.body, code: 'BAD_REQUEST' });
  }
  throw error;
}
