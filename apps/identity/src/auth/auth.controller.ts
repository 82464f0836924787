import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@app/auth';
import { CurrentUser, Public, Roles } from '@app/auth';
import { AuthService } from './auth.service';
import { IdPipe } from '@app/http';
import { AccountsService } from '../users/accounts.service';
import { CreateUserDto, ListUsersDto, LoginDto, RegisterDto, SetAccountStatusDto } from './dto/auth.dto';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly accounts: AccountsService,
  ) {}

  @Public()
  @Post('register')
  register(@Body() dto: RegisterDto, @Req() req: { ip: string }) {
    return this.auth.register(dto, req.ip);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto, @Req() req: { ip: string }) {
    return this.auth.login(dto, req.ip);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: AuthUser) {
    return this.auth.me(user);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Post('users')
  createUser(@Body() dto: CreateUserDto) {
    return this.auth.createByAdmin(dto);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Get('users')
  listUsers(@Query() dto: ListUsersDto) {
    return this.auth.list(dto);
  }

  /** Disables an account (it cannot log in, and its tokens stop working at once) or enables it again. */
  @ApiBearerAuth()
  @Roles('admin')
  @Patch('users/:id/status')
  setStatus(@CurrentUser() admin: AuthUser, @Param('id', IdPipe) id: string, @Body() dto: SetAccountStatusDto) {
    return this.accounts.setStatus(admin, id, dto.status);
  }
}
