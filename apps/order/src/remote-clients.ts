import type { TokenService } from '@app/auth';
import type { Env } from '@app/config';
import { HttpPickupClient } from '@app/contracts';

/** The pickup-point client over HTTP, for an order service running apart from the pickup points. */
export const httpPickupClient = (env: Env, tokens: TokenService) => new HttpPickupClient(env.PICKUP_URL, () => tokens.serviceToken('order'));
