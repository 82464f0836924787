import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { AuthUser, Role } from './roles';

export const IS_PUBLIC = 'zt:public';
export const ROLES = 'zt:roles';

/** Anyone may call; a valid token, if sent, still identifies the caller. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** Only these roles may call. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser | undefined => {
  return ctx.switchToHttp().getRequest<{ user?: AuthUser }>().user;
});
