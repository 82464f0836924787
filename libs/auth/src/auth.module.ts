import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Env } from '@app/config';
import { AuthGuard } from './auth.guard';
import { DisabledAccounts } from './disabled-accounts';
import { Hs256 } from './hs256';
import { TokenService } from './token.service';

@Global()
@Module({
  providers: [
    { provide: Hs256, inject: [Env], useFactory: (env: Env) => new Hs256(env.JWT_SECRET) },
    TokenService,
    DisabledAccounts,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenService, Hs256, DisabledAccounts],
})
export class AuthModule {}
