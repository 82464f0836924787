import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Like, Repository } from 'typeorm';
import { AuthUser, TokenService, UserRole } from '@app/auth';
import { pgCode, PG_UNIQUE_VIOLATION, UnitOfWork } from '@app/database';
import { AppError, notFound } from '@app/errors';
import { OutboxService } from '@app/queue';
import { User, userView } from '../users/user.entity';
import { CreateUserDto, ListUsersDto, LoginDto, RegisterDto } from './dto/auth.dto';
import { LoginLimiter } from './login-limiter';
import { hashPassword, verifyPassword } from './passwords';

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxService,
    private readonly tokens: TokenService,
    private readonly limiter: LoginLimiter,
  ) {}

  async register(dto: RegisterDto) {
    const user = await this.createUser(dto.phone, dto.password, dto.role, dto.displayName);
    return { ...this.tokens.issue(user.id, user.role), user: userView(user) };
  }

  async login(dto: LoginDto, address: string) {
    await this.limiter.check(dto.phone, address);
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.phone = :phone', { phone: dto.phone })
      .getOne();
    const ok = await verifyPassword(user?.passwordHash ?? null, dto.password);
    if (!ok || !user) {
      await this.limiter.failed(dto.phone);
      throw new AppError('UNAUTHENTICATED', 'The phone number or the password is wrong');
    }
    if (user.status !== 'active') throw new AppError('FORBIDDEN', 'This account is disabled');
    await this.limiter.succeeded(dto.phone);
    return { ...this.tokens.issue(user.id, user.role), user: userView(user) };
  }

  async me(caller: AuthUser) {
    // A service token names a service ("service:order"), not an account row.
    if (caller.role === 'service') throw notFound('Account');
    const user = await this.users.findOneBy({ id: caller.id });
    if (!user) throw notFound('Account');
    return userView(user);
  }

  async createByAdmin(dto: CreateUserDto) {
    return userView(await this.createUser(dto.phone, dto.password, dto.role, dto.displayName));
  }

  async list(dto: ListUsersDto) {
    const rows = await this.users.find({
      where: { ...(dto.role ? { role: dto.role } : {}), ...(dto.phone ? { phone: Like(`${dto.phone}%`) } : {}) },
      order: { createdAt: 'DESC' },
      take: 200,
    });
    return { items: rows.map(userView) };
  }

  private async createUser(phone: string, password: string, role: UserRole, displayName?: string): Promise<User> {
    const passwordHash = await hashPassword(password);
    try {
      return await this.uow.run(async (tx) => {
        const user = await tx.getRepository(User).save(
          tx.getRepository(User).create({ phone, passwordHash, role, displayName: displayName?.trim() ?? '', status: 'active' }),
        );
        await this.outbox.publish(tx, 'identity', 'identity.user.registered', { userId: user.id, role });
        return user;
      });
    } catch (err) {
      if (pgCode(err) === PG_UNIQUE_VIOLATION) {
        throw new AppError('CONFLICT', 'An account with this phone number already exists', undefined, [
          { field: 'phone', message: 'already registered' },
        ]);
      }
      throw err;
    }
  }
}
