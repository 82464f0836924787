/** What other services may know of an account: its role and whether it may sign in. Never its phone or name. */
export interface AccountCard {
  id: string;
  role: 'buyer' | 'farmer' | 'staff' | 'admin';
  status: 'active' | 'disabled';
}

/**
 * The identity service's answer to "what kind of account is this", for services that bind accounts to
 * their own objects (a pickup point's staff). In-process and HTTP adapters answer alike; ids that name no
 * account are left out.
 */
export interface AccountDirectory {
  accounts(ids: string[]): Promise<AccountCard[]>;
}
export const ACCOUNT_DIRECTORY = Symbol('AccountDirectory');
