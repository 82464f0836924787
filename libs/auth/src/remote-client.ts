import { InjectionToken, Provider } from '@nestjs/common';
import { Env } from '@app/config';
import { TokenService } from './token.service';

/**
 * A provider for a client of another service that runs in another process: it calls the URL in the
 * `url` setting and signs each call with a short-lived service token naming `caller`.
 */
export function remoteClient<T>(
  provide: InjectionToken,
  url: 'CATALOG_URL' | 'PICKUP_URL' | 'IDENTITY_URL',
  caller: string,
  make: (baseUrl: string, token: () => string) => T,
): Provider {
  return { provide, inject: [Env, TokenService], useFactory: (env: Env, tokens: TokenService) => make(env[url], () => tokens.serviceToken(caller)) };
}
