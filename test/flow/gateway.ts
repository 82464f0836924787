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
