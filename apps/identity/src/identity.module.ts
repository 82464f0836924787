import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { LoginLimiter } from './auth/login-limiter';
import { User } from './users/user.entity';

/** Accounts, passwords and tokens. Schema: identity. */
@Module({
  imports: [TypeOrmModule.forFeature([User])],
  controllers: [AuthController],
  providers: [AuthService, LoginLimiter],
})
export class IdentityModule {}
