import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Env } from '@app/config';

/** Where the ids of disabled accounts are shared between processes (Redis; see libs/queue/src/account-status.ts). */
export interface AccountStatusStore {
  disabled(): Promise<string[]>;
  mark(userId: string, disabled: boolean): Promise<void>;
  /** Makes the shared list exactly `ids`: the identity service's copy of its own table. */
  replace(ids: string[]): Promise<void>;
}
export const ACCOUNT_STATUS_STORE = Symbol('ACCOUNT_STATUS_STORE');

/**
 * The accounts an admin disabled, as this process knows them: the guard refuses their tokens at once, though
 * the tokens themselves stay valid until they expire. The list is read again every AUTH_DISABLED_REFRESH_MS, so a
 * disable made by another process takes effect here within that time; one made here, at once. If the store
 * cannot be read, the last list read stays in force.
 */
@Injectable()
export class DisabledAccounts implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DisabledAccounts');
  private ids = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private failing = false;

  constructor(
    private readonly env: Env,
    @Inject(ACCOUNT_STATUS_STORE) private readonly store: AccountStatusStore,
  ) {}

  async onApplicationBootstrap() {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.env.AUTH_DISABLED_REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
  }

  has(userId: string): boolean {
    return this.ids.has(userId);
  }

  async refresh(): Promise<void> {
    try {
      this.ids = new Set(await this.store.disabled());
      if (this.failing) this.logger.log({ msg: 'disabled accounts readable again', count: this.ids.size });
      this.failing = false;
    } catch (err) {
      if (!this.failing) this.logger.warn({ msg: 'could not read disabled accounts; the last list read stays in force', err: (err as Error).message });
      this.failing = true;
    }
  }
}
