import type { AccountCard, AccountDirectory } from './account-directory';
import { callService } from './http-call';
import { uniqueIds } from './ids-and-days';

/** The identity service's AccountDirectory for a service in another process, with a service token. */
export class HttpAccountDirectory implements AccountDirectory {
  constructor(
    private readonly identityUrl: string,
    private readonly token: () => string,
  ) {}

  async accounts(ids: string[]): Promise<AccountCard[]> {
    // Like the in-process adapter, an id that cannot name an account is left out rather than refused.
    const wanted = uniqueIds(ids);
    if (!wanted.length) return [];
    return (await callService<{ items: AccountCard[] }>(this.identityUrl, this.token, 'POST', '/api/auth/directory/accounts', { ids: wanted })).items;
  }
}
