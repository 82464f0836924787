import { Api } from '@app/testing';

/** Sends each path to the service that owns it, as deploy/nginx.conf does in front of split services. */
export class GatewayApi extends Api {
  constructor(private readonly routes: Array<[prefix: string, baseUrl: string]>) {
    super(routes[0][1]);
  }

  override request(method: string, path: string, opts: Parameters<Api['request']>[2] = {}) {
    const route = this.routes.find(([prefix]) => path.startsWith(prefix));
    if (!route) throw new Error(`no service owns ${path}`);
    return new Api(route[1]).request(method, path, opts);
  }
}

/** The gateway in front of the five services, given where each answers. */
export function serviceGateway(urls: Record<'identity' | 'catalog' | 'order' | 'logistics' | 'pickup', string>): GatewayApi {
  return new GatewayApi([
    ['/api/auth', urls.identity],
    ['/api/catalog', urls.catalog],
    ['/api/cart', urls.order],
    ['/api/orders', urls.order],
    ['/api/payments', urls.order],
    ['/api/logistics', urls.logistics],
    ['/api/pickup-points', urls.pickup],
    ['/api/notifications', urls.pickup],
  ]);
}
