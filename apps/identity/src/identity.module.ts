import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ACCOUNT_DIRECTORY } from '@app/contracts';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { LoginLimiter } from './auth/login-limiter';
import { AccountDirectoryController } from './users/account-directory.controller';
import { AccountDirectoryService } from './users/account-directory.service';
import { AccountsService } from './users/accounts.service';
import { User } from './users/user.entity';

/** Accounts, passwords and tokens. Schema: identity. */
@Module({
  imports: [TypeOrmModule.forFeature([User])],
  controllers: [AuthController, AccountDirectoryController],
  providers: [AuthService, LoginLimiter, AccountsService, AccountDirectoryService, { provide: ACCOUNT_DIRECTORY, useExisting: AccountDirectoryService }],
  exports: [ACCOUNT_DIRECTORY],
})
export class IdentityModule {}
