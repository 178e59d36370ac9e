import { fileURLToPath } from 'node:url';
import { EventingModule } from '@eventmart/nestjs';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { AccessTokens } from './application/access-tokens.port.js';
import { AdminAccounts } from './application/admin-accounts.js';
import { GetUser } from './application/get-user.query.js';
import { Login } from './application/login.command.js';
import { PasswordHasher } from './application/password-hasher.port.js';
import { RegisterUser } from './application/register-user.command.js';
import { UserRepository } from './application/user.repository.port.js';
import { VerifyToken } from './application/verify-token.query.js';
import { UserRpcController } from './api/user.rpc-controller.js';
import { Argon2PasswordHasher } from './infrastructure/argon2-password-hasher.js';
import { JoseAccessTokens } from './infrastructure/jose-access-tokens.js';
import { KyselyUserRepository } from './infrastructure/kysely-user.repository.js';
import {
  resolveJwtSecret,
  resolveTokenTtl,
  type UserModuleOptions,
} from './user-module.options.js';

const migrations = fileURLToPath(new URL('../migrations', import.meta.url));

/** Accounts, passwords and access tokens: the `user` service, in schema `user`. */
@Module({})
export class UserModule {
  static forRoot(options: UserModuleOptions = {}): DynamicModule {
    const secret = resolveJwtSecret(options, new Logger('UserModule'));
    const ttlSeconds = resolveTokenTtl(options);
    return {
      module: UserModule,
      imports: [
        EventingModule.forFeature({ service: 'user', schema: 'user', migrations: [migrations] }),
      ],
      controllers: [UserRpcController],
      providers: [
        { provide: PasswordHasher, useClass: Argon2PasswordHasher },
        { provide: AccessTokens, useValue: new JoseAccessTokens({ secret, ttlSeconds }) },
        { provide: UserRepository, useClass: KyselyUserRepository },
        RegisterUser,
        Login,
        VerifyToken,
        GetUser,
        AdminAccounts,
      ],
      exports: [AdminAccounts],
    };
  }
}
