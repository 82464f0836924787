import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Env } from '@app/config';
import { Role, TokenClaims } from './roles';

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly env: Env,
  ) {}

  issue(userId: string, role: Role): { accessToken: string; tokenType: 'Bearer'; expiresIn: number } {
    const claims: TokenClaims = { sub: userId, role };
    return { accessToken: this.jwt.sign(claims), tokenType: 'Bearer', expiresIn: this.env.JWT_TTL_SECONDS };
  }

  /** A short-lived token one service presents to another. */
  serviceToken(service: string): string {
    return this.jwt.sign({ sub: `service:${service}`, role: 'service' } satisfies TokenClaims, { expiresIn: 300 });
  }
}
