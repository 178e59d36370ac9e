import { Rpc } from '@eventmart/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
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
    description: 'Once its shipment is ready; the customer can no longer cancel it.',
  })
  @ApiOkResponse({ type: ShipmentViewDto })
  @ApiErrors(400, 401, 403, 404, 409, 413)
  ship(@Param('id') orderId: string, @Body() body: ShipOrderDto) {
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
