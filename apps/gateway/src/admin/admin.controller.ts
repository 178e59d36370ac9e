import { Rpc } from '@eventmart/contracts';
import {
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, BearerAuthGuard } from '../auth/bearer-auth.guard.js';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { MailViewDto } from '../mailbox/mailbox.dto.js';
import { ServicesClient } from '../rpc/services.client.js';
import { AdminMailboxQueryDto, ShipmentViewDto, ShipOrderDto } from './admin.dto.js';

@ApiTags('admin')
@ApiBearerAuth()
@AdminOnly()
@UseGuards(BearerAuthGuard)
@Controller('admin')
export class AdminController {
  constructor(private readonly services: ServicesClient) {}

  @Post('orders/:id/ship')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark an order shipped',
    description:
      'Once its shipment is ready and the order service has it confirmed and paid; the customer can no longer cancel it.',
  })
  @ApiOkResponse({ type: ShipmentViewDto })
  @ApiErrors(400, 401, 403, 404, 409, 413)
  async ship(@Param('id') orderId: string, @Body() body: ShipOrderDto) {
    // Fulfillment learns of a cancellation from order.cancelled and may be behind on it; the
    // order service decides cancellations, so it is asked first.
    const { order } = await this.services.call(Rpc.getOrder, { orderId });
    if (order.status !== 'CONFIRMED' && order.status !== 'FULFILLMENT_READY') {
      throw new ConflictException(
        `order ${orderId} is ${order.status}: only a confirmed, paid order ships`,
      );
    }
    return this.services.call(Rpc.markShipped, { orderId, ...body });
  }

  @Get('mailbox')
  @ApiOperation({ summary: 'Every e-mail sent, to anyone' })
  @ApiOkResponse({ type: [MailViewDto] })
  @ApiErrors(400, 401, 403)
  mailbox(@Query() query: AdminMailboxQueryDto) {
    return this.services.call(Rpc.listMailbox, { ...query });
  }
}
