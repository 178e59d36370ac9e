import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, BearerAuthGuard } from '../../auth/bearer-auth.guard.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { ApiErrors } from '../../http/api-errors.decorator.js';
import type { AuthenticatedUser } from '../../http/gateway-request.js';
import { actorOf } from '../admin-operations.js';
import { DeadLetterOperations } from './dead-letter-operations.js';
import {
  DeadLetterActionResponseDto,
  DeadLetterDetailsDto,
  DeadLetterListDto,
} from './dead-letter-view.dto.js';
import { DeadLetterActionDto, DeadLetterQueryDto } from './dead-letters.dto.js';

const SELECTION =
  'Select by `ids`, `subject`, `type` (all given must match), or `all: true` alone; in ' +
  '`service`, or in every service when absent. `dryRun` reports what would happen and ' +
  'changes nothing. Every dead letter acted on is audited with the administrator and `note`.';

@ApiTags('admin')
@ApiBearerAuth()
@AdminOnly()
@UseGuards(BearerAuthGuard)
@Controller('admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLetterOperations) {}

  @Get()
  @ApiOperation({
    summary: 'List dead letters',
    description:
      'Of one service or all, by first failure, latest first. Services that do not answer ' +
      'are listed in `unavailable` instead of failing the request.',
  })
  @ApiOkResponse({ type: DeadLetterListDto })
  @ApiErrors(400, 401, 403)
  list(@Query() query: DeadLetterQueryDto) {
    return this.deadLetters.list(query);
  }

  @Get(':service/:id')
  @ApiOperation({
    summary: 'Inspect one dead letter',
    description: 'Headers, payload, error and stack, and its audit trail.',
  })
  @ApiOkResponse({ type: DeadLetterDetailsDto })
  @ApiErrors(400, 401, 403, 404)
  get(@Param('service') service: string, @Param('id') id: string) {
    return this.deadLetters.get(service, id);
  }

  @Post('replay')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Replay dead letters',
    description:
      'Runs the handler again, through the inbox: an event applied meanwhile is not applied ' +
      'twice; a replay that fails again keeps the dead letter, one attempt more; a message ' +
      `without a valid envelope cannot be replayed, only discarded. ${SELECTION}`,
  })
  @ApiOkResponse({ type: DeadLetterActionResponseDto })
  @ApiErrors(400, 401, 403, 413)
  replay(@Body() body: DeadLetterActionDto, @CurrentUser() user: AuthenticatedUser) {
    return this.deadLetters.act('replay', body, actorOf(user));
  }

  @Post('discard')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Discard dead letters',
    description: `Resolves them without applying them; a redelivery stays skipped. ${SELECTION}`,
  })
  @ApiOkResponse({ type: DeadLetterActionResponseDto })
  @ApiErrors(400, 401, 403, 413)
  discard(@Body() body: DeadLetterActionDto, @CurrentUser() user: AuthenticatedUser) {
    return this.deadLetters.act('discard', body, actorOf(user));
  }
}
