import { Rpc } from '@eventmart/contracts';
import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BearerAuthGuard } from '../auth/bearer-auth.guard.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { ApiErrors } from '../http/api-errors.decorator.js';
import type { AuthenticatedUser } from '../http/gateway-request.js';
import { ServicesClient } from '../rpc/services.client.js';
import { MailboxQueryDto, MailViewDto } from './mailbox.dto.js';

@ApiTags('mailbox')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('mailbox')
export class MailboxController {
  constructor(private readonly services: ServicesClient) {}

  @Get()
  @ApiOperation({
    summary: 'The e-mails sent to me',
    description: 'What the notification service sent (it records instead of delivering).',
  })
  @ApiOkResponse({ type: [MailViewDto] })
  @ApiErrors(400, 401)
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: MailboxQueryDto) {
    return this.services.call(Rpc.listMailbox, {
      to: user.email,
      ...(query.limit !== undefined && { limit: query.limit }),
    });
  }
}
