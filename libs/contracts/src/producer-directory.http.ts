import { callService, nullIfNotFound } from './http-call';
import type { ProducerCard, ProducerDirectory, ProductOrigin } from './producer-directory';

/** The catalog's ProducerDirectory for a service in another process, with a service token. */
export class HttpProducerDirectory implements ProducerDirectory {
  constructor(
    private readonly catalogUrl: string,
    private readonly token: () => string,
  ) {}

  ofUser(userId: string): Promise<ProducerCard | null> {
    return nullIfNotFound(callService<ProducerCard>(this.catalogUrl, this.token, 'GET', `/api/catalog/directory/producers/by-user/${encodeURIComponent(userId)}`));
  }

  async producers(ids: string[]): Promise<ProducerCard[]> {
    if (!ids.length) return [];
    return (await callService<{ items: ProducerCard[] }>(this.catalogUrl, this.token, 'POST', '/api/catalog/directory/producers', { ids })).items;
  }

  async origins(productIds: string[]): Promise<ProductOrigin[]> {
    if (!productIds.length) return [];
    return (await callService<{ items: ProductOrigin[] }>(this.catalogUrl, this.token, 'POST', '/api/catalog/directory/origins', { ids: productIds })).items;
  }
}
