export const USER_ROLES = ['buyer', 'farmer', 'staff', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];
/** 'service' is for calls between our own services (order reserving stock, say), never for people. */
export type Role = UserRole | 'service';

export interface AuthUser {
  id: string;
  role: Role;
}

export interface TokenClaims {
  sub: string;
  role: Role;
}
