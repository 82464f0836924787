import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { LoginLimiter } from './auth/login-limiter';
import { AccountsService } from './users/accounts.service';
import { User } from './users/user.entity';

/** Accounts, passwords and tokens. Schema: identity. */
@Module({
  imports: [TypeOrmModule.forFeature([User])],
  controllers: [AuthController],
  providers: [AuthService, LoginLimiter, AccountsService],
})
export class IdentityModule {}
