import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, BearerAuthGuard } from '../../auth/bearer-auth.guard.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { ApiErrors } from '../../http/api-errors.decorator.js';
import type { AuthenticatedUser } from '../../http/gateway-request.js';
import { actorOf } from '../admin-operations.js';
import { ParkedEventOperations } from './parked-event-operations.js';
import {
  ParkedEventDetailsDto,
  ParkedEventListDto,
  ParkedRetryNowResponseDto,
} from './parked-event-view.dto.js';
import { ParkedEventQueryDto, ParkedRetryNowDto } from './parked-events.dto.js';

@ApiTags('admin')
@ApiBearerAuth()
@AdminOnly()
@UseGuards(BearerAuthGuard)
@Controller('admin/parked-events')
export class ParkedEventsController {
  constructor(private readonly parked: ParkedEventOperations) {}

  @Get()
  @ApiOperation({
    summary: 'List parked events',
    description:
      'Events waiting for a delayed retry after their in-place retries failed, and the later ' +
      'events of their key waiting behind them (`blockedBy`). Of one service or all, oldest ' +
      'parked first. Services that do not answer are listed in `unavailable`.',
  })
  @ApiOkResponse({ type: ParkedEventListDto })
  @ApiErrors(400, 401, 403)
  list(@Query() query: ParkedEventQueryDto) {
    return this.parked.list(query);
  }

  @Get(':service/:seq')
  @ApiOperation({
    summary: 'Inspect one parked event',
    description: 'Headers, payload, the last error and its stack, and when it is tried next.',
  })
  @ApiOkResponse({ type: ParkedEventDetailsDto })
  @ApiErrors(400, 401, 403, 404)
  get(@Param('service') service: string, @Param('seq') seq: string) {
    return this.parked.get(service, seq);
  }

  @Post('retry-now')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Retry parked events now',
    description:
      'Brings the next try forward to now, for when the cause is fixed: one event (`service` ' +
      'and `seq`; 404 if it is not parked), or the first parked event of `subject` of each ' +
      'consumer, in `service` or in every service. Only the first event of a key can run, so ' +
      'the order of a key holds: an event behind another is reported `behind` and left as it ' +
      'is. Each service logs the request with the administrator and `note`.',
  })
  @ApiOkResponse({ type: ParkedRetryNowResponseDto })
  @ApiErrors(400, 401, 403, 404, 413)
  retryNow(@Body() body: ParkedRetryNowDto, @CurrentUser() user: AuthenticatedUser) {
    return this.parked.retryNow(body, actorOf(user));
  }
}
