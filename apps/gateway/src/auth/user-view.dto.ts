import { Role, type Rpc, type RpcResponse } from '@eventmart/contracts';
import { ApiProperty } from '@nestjs/swagger';

type UserView = RpcResponse<typeof Rpc.getUser>;

export class UserViewDto implements UserView {
  @ApiProperty({ example: '0b7e6c1e-5f7a-4c39-9d55-2f0e6f1f2a10' })
  id!: string;

  @ApiProperty({ example: 'ada@example.com' })
  email!: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  name!: string;

  @ApiProperty({ enum: Role.options })
  role!: UserView['role'];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class LoginResponseDto implements RpcResponse<typeof Rpc.login> {
  @ApiProperty({ description: 'Send it as `Authorization: Bearer <accessToken>`.' })
  accessToken!: string;

  @ApiProperty({ type: UserViewDto })
  user!: UserViewDto;
}
