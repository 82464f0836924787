import { Injectable } from '@nestjs/common';
import { Env } from '@app/config';
import { Hs256 } from './hs256';
import { Role, TokenClaims } from './roles';

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: Hs256,
    private readonly env: Env,
  ) {}

  issue(userId: string, role: Role): { accessToken: string; tokenType: 'Bearer'; expiresIn: number } {
    const claims: TokenClaims = { sub: userId, role };
    return { accessToken: this.jwt.sign({ ...claims }, this.env.JWT_TTL_SECONDS), tokenType: 'Bearer', expiresIn: this.env.JWT_TTL_SECONDS };
  }

  /** A short-lived token one service presents to another. */
  serviceToken(service: string): string {
    return this.jwt.sign({ sub: `service:${service}`, role: 'service' } satisfies TokenClaims, 300);
  }
}
