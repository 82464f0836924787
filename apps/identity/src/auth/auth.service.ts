import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthUser, TokenService, UserRole } from '@app/auth';
import { decodeTimeCursor, encodeTimeCursor, exactCreatedAt, pgCode, PG_UNIQUE_VIOLATION, queryRows, UnitOfWork } from '@app/database';
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

  async register(dto: RegisterDto, address: string) {
    await this.limiter.checkRegistration(address);
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

  /**
   * Accounts for an admin, newest first, a page at a time: by the start of a phone number, or by part of
   * the name they go by (digits alone are read as a phone number).
   */
  async list(dto: ListUsersDto) {
    const limit = dto.limit ?? 50;
    const params: unknown[] = [];
    const where: string[] = [];
    const phone = dto.phone ?? (dto.q && /^\d{3,11}$/.test(dto.q) ? dto.q : undefined);
    if (dto.role) where.push(`role = $${params.push(dto.role)}`);
    if (dto.status) where.push(`status = $${params.push(dto.status)}`);
    if (phone) where.push(`phone LIKE $${params.push(`${phone}%`)}`);
    else if (dto.q) where.push(`display_name ILIKE $${params.push(`%${dto.q.replace(/[\\%_]/g, '\\$&')}%`)}`);
    if (dto.cursor) {
      const c = decodeTimeCursor(dto.cursor);
      where.push(`(created_at, id) < ($${params.push(c.createdExact)}::timestamptz, $${params.push(c.id)}::uuid)`);
    }
    const rows = await queryRows<Parameters<typeof userView>[0] & { created_exact: string }>(
      this.uow.dataSource.manager,
      `SELECT id, phone, role, display_name AS "displayName", status, created_at AS "createdAt", ${exactCreatedAt()} AS created_exact
         FROM identity.users ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at DESC, id DESC LIMIT ${limit + 1}`,
      params,
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map(userView),
      nextCursor: rows.length > limit ? encodeTimeCursor(page[page.length - 1]) : null,
    };
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
