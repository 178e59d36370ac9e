import { Rpc } from '@eventmart/contracts';
import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors.decorator.js';
import type { AuthenticatedUser } from '../http/gateway-request.js';
import { ServicesClient } from '../rpc/services.client.js';
import { LoginDto, RegisterDto } from './auth.dto.js';
import { BearerAuthGuard } from './bearer-auth.guard.js';
import { CurrentUser } from './current-user.decorator.js';
import { LoginResponseDto, UserViewDto } from './user-view.dto.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly services: ServicesClient) {}

  @Post('auth/register')
  @ApiOperation({ summary: 'Create a customer account (a welcome e-mail follows)' })
  @ApiCreatedResponse({ type: UserViewDto })
  @ApiErrors(400, 409, 413)
  register(@Body() body: RegisterDto) {
    return this.services.call(Rpc.registerUser, body);
  }

  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange e-mail and password for an access token' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors(400, 401, 413)
  login(@Body() body: LoginDto) {
    return this.services.call(Rpc.login, body);
  }

  @Get('me')
  @UseGuards(BearerAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserViewDto })
  @ApiErrors(401)
  me(@CurrentUser() user: AuthenticatedUser): AuthenticatedUser {
    return user;
  }
}
