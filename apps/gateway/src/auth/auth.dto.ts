import type { Rpc, RpcRequest } from '@eventmart/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsEmailAddress } from '../http/email-address.decorator.js';

// The same bounds as the user service's schema, so the gateway rejects what it would.
export class LoginDto implements RpcRequest<typeof Rpc.login> {
  @ApiProperty({ example: 'ada@example.com' })
  @IsEmailAddress()
  email!: string;

  @ApiProperty({ minLength: 8, maxLength: 200, example: 'correct horse battery' })
  @IsString()
  @Length(8, 200)
  password!: string;
}

export class RegisterDto extends LoginDto implements RpcRequest<typeof Rpc.registerUser> {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Ada Lovelace' })
  @IsString()
  @Length(1, 200)
  name!: string;
}
