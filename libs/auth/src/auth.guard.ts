import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '@app/errors';
import { IS_PUBLIC, ROLES } from './decorators';
import { DisabledAccounts } from './disabled-accounts';
import { Hs256 } from './hs256';
import { AuthUser, Role, TokenClaims } from './roles';

const ALL_ROLES: Role[] = ['buyer', 'farmer', 'staff', 'admin', 'service'];

/**
 * Global guard: every route needs a valid token unless marked @Public, and @Roles narrows who may call.
 * Ownership of a particular object is checked by the service that loads it (see access.ts).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly jwt: Hs256,
    private readonly reflector: Reflector,
    private readonly disabled: DisabledAccounts,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const targets = [ctx.getHandler(), ctx.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    const header = req.headers.authorization;
    if (header) req.user = this.verify(header);
    if (isPublic) return true;
    if (!req.user) throw new AppError('UNAUTHENTICATED', 'Log in first: this needs an access token');
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES, targets);
    if (roles && !roles.includes(req.user.role)) throw new AppError('FORBIDDEN', `Only ${roles.join(' or ')} accounts may do this`);
    return true;
  }

  private verify(header: string): AuthUser {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new AppError('UNAUTHENTICATED', 'Authorization must be "Bearer <token>"');
    const claims = this.jwt.verify(m[1]) as Partial<TokenClaims> | null;
    if (!claims || typeof claims.sub !== 'string' || !claims.role || !ALL_ROLES.includes(claims.role)) {
      throw new AppError('UNAUTHENTICATED', 'The access token is invalid or has expired');
    }
    if (this.disabled.has(claims.sub)) throw new AppError('UNAUTHENTICATED', 'This account is disabled');
    return { id: claims.sub, role: claims.role };
  }
}
