import { createStore } from '../lib/store';

export type Role = 'buyer' | 'farmer' | 'staff' | 'admin';

export interface SessionUser {
  id: string;
  phone: string;
  role: Role;
  displayName: string | null;
}

export interface Session {
  token: string;
  user: SessionUser;
}

const KEY = 'zt.session';

function expired(token: string): boolean {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return !payload.exp || payload.exp * 1000 < Date.now();
  } catch {
    return true;
  }
}

function load(): Session | null {
  try {
    const s = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null;
    return s && !expired(s.token) ? s : null;
  } catch {
    return null;
  }
}

/** Who is signed in on this phone; kept across reloads until the token expires. */
export const session = createStore<Session | null>(load());

export function signIn(s: Session): void {
  localStorage.setItem(KEY, JSON.stringify(s));
  session.set(s);
}

export function signOut(): void {
  localStorage.removeItem(KEY);
  session.set(null);
}

/** Where each role starts after logging in. */
export function homeOf(role: Role | undefined): string {
  return role === 'farmer' ? '/farm' : role === 'staff' ? '/staff' : role === 'admin' ? '/manage' : '/';
}
