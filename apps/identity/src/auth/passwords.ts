import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
let dummy: Promise<string> | null = null;

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // Unknown phone numbers still pay for one verification, so timing does not tell which numbers exist.
  dummy ??= hash('not-a-real-password-0', OPTIONS);
  const target = passwordHash ?? (await dummy);
  const ok = await verify(target, password).catch(() => false);
  return ok && passwordHash !== null;
}
