import { Injectable } from '@nestjs/common';
import { Hs256 } from '@app/auth';

export const BOARD_PATH = '/admin/queues';
export const BOARD_COOKIE = 'zt_queue_board';
/** Short, because the cookie rides along on every page of the board and cannot be revoked. */
export const BOARD_SESSION_SECONDS = 15 * 60;
const USE = 'queue-board';

/**
 * The board's session token. It carries no role, so the API guard refuses it as a bearer token: it opens
 * the queue board and nothing else, even if it leaked out of its HttpOnly cookie.
 */
@Injectable()
export class BoardSession {
  constructor(private readonly jwt: Hs256) {}

  issue(adminId: string): string {
    return this.jwt.sign({ sub: adminId, use: USE }, BOARD_SESSION_SECONDS);
  }

  /** The admin's id when the request carries a valid board cookie; otherwise null. */
  verify(cookieHeader: string | undefined): string | null {
    const token = readCookie(cookieHeader, BOARD_COOKIE);
    if (!token) return null;
    const claims = this.jwt.verify(token);
    return claims && claims.use === USE && typeof claims.sub === 'string' ? claims.sub : null;
  }

  cookie(token: string, secure: boolean): string {
    // Path=/admin keeps the token off every API call; SameSite=Strict keeps other sites from riding on it.
    return `${BOARD_COOKIE}=${token}; Path=/admin; Max-Age=${BOARD_SESSION_SECONDS}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
  }
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}
