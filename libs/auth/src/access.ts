import { AppError } from '@app/errors';
import { AuthUser, Role } from './roles';

/**
 * Object-level checks, in one place. Another user's object answers "not found", so a caller cannot
 * learn that it exists.
 */
export function requireRole(user: AuthUser | undefined, ...roles: Role[]): AuthUser {
  if (!user) throw new AppError('UNAUTHENTICATED', 'Log in first: this needs an access token');
  if (!roles.includes(user.role)) throw new AppError('FORBIDDEN', `Only ${roles.join(' or ')} accounts may do this`);
  return user;
}

export const isAdmin = (user: AuthUser | undefined) => user?.role === 'admin';

/** The caller owns the object (its owner user id is `ownerUserId`) or is an admin; else 404 for `what`. */
export function requireOwnerOrAdmin(user: AuthUser | undefined, ownerUserId: string | null | undefined, what: string): void {
  if (isAdmin(user)) return;
  if (!user || !ownerUserId || user.id !== ownerUserId) throw new AppError('NOT_FOUND', `${what} not found`);
}

export function requireOwner(user: AuthUser | undefined, ownerUserId: string | null | undefined, what: string): void {
  if (!user || !ownerUserId || user.id !== ownerUserId) throw new AppError('NOT_FOUND', `${what} not found`);
}
