import { createHmac, randomUUID } from 'node:crypto';

const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url');

/** An access token as the identity service issues it (HS256 over {sub, role}); the services do not look the account up. */
export function accessToken(secret: string, role: 'buyer' | 'farmer' | 'staff' | 'admin', sub: string = randomUUID()): string {
  const now = Math.floor(Date.now() / 1000);
  const head = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify({ sub, role, iat: now, exp: now + 12 * 3600 }))}`;
  return `${head}.${b64url(createHmac('sha256', secret).update(head).digest())}`;
}
