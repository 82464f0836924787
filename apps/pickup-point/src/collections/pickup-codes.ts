import { Injectable } from '@nestjs/common';
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { Env } from '@app/config';

export const PICKUP_CODE = /^\d{6}$/;

/** A fresh 6-digit pickup code, leading zeros kept: every one of the million codes is equally likely. */
export function newPickupCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/**
 * Pickup codes are stored only as HMAC-SHA256, keyed by PICKUP_CODE_SECRET or a key derived from JWT_SECRET,
 * so a copy of the database does not reveal codes without the key. The point id is mixed in: the same code
 * at two points gives two unrelated digests.
 */
@Injectable()
export class PickupCodes {
  private readonly key: Buffer;

  constructor(env: Env) {
    this.key = env.PICKUP_CODE_SECRET
      ? Buffer.from(env.PICKUP_CODE_SECRET, 'utf8')
      : createHmac('sha256', env.JWT_SECRET).update('zt:pickup-code-key:v1').digest();
  }

  digest(pointId: string, code: string): string {
    return createHmac('sha256', this.key).update(`${pointId.toLowerCase()}:${code}`).digest('hex');
  }

  matches(pointId: string, code: string, storedDigest: string | null): boolean {
    if (!storedDigest || !PICKUP_CODE.test(code)) return false;
    const given = Buffer.from(this.digest(pointId, code), 'hex');
    const stored = Buffer.from(storedDigest, 'hex');
    return given.length === stored.length && timingSafeEqual(given, stored);
  }
}
