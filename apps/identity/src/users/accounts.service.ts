import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ACCOUNT_STATUS_STORE, AccountStatusStore, AuthUser, DisabledAccounts, requireRole } from '@app/auth';
import { UnitOfWork } from '@app/database';
import { AppError, notFound } from '@app/errors';
import { User, userView } from './user.entity';

/**
 * An admin disables or enables an account. A disabled account cannot log in (auth.service), and the tokens
 * it already holds stop working: the id goes into the shared list every process's guard reads
 * (libs/auth/src/disabled-accounts.ts). The list is a copy of this table, written again when the service starts.
 */
@Injectable()
export class AccountsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Accounts');

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(ACCOUNT_STATUS_STORE) private readonly store: AccountStatusStore,
    private readonly disabled: DisabledAccounts,
  ) {}

  async onApplicationBootstrap() {
    try {
      const rows: Array<{ id: string }> = await this.uow.dataSource.query(`SELECT id FROM identity.users WHERE status = 'disabled'`);
      await this.store.replace(rows.map((r) => r.id));
      await this.disabled.refresh();
    } catch (err) {
      this.logger.warn({ msg: 'could not share the disabled accounts yet', err: (err as Error).message });
    }
  }

  async setStatus(caller: AuthUser, id: string, status: 'active' | 'disabled') {
    requireRole(caller, 'admin');
    if (id === caller.id && status === 'disabled') throw new AppError('CONFLICT', 'An admin cannot disable their own account');
    const user = await this.uow.run(async (tx) => {
      const found = await tx.getRepository(User).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!found) throw notFound('User');
      found.status = status;
      const saved = await tx.getRepository(User).save(found);
      // A disable is shared before it commits: if the list cannot take it, nothing changes and the admin tries again.
      if (status === 'disabled') await this.share(id, true);
      return saved;
    });
    // An enable only after it commits, so a failed commit never lets a disabled account back in.
    if (status === 'active') await this.share(id, false);
    await this.disabled.refresh();
    return userView(user);
  }

  private async share(id: string, disabled: boolean) {
    try {
      await this.store.mark(id, disabled);
    } catch (err) {
      this.logger.warn({ msg: 'could not share an account status', userId: id, err: (err as Error).message });
      throw new AppError('SERVICE_UNAVAILABLE', 'The change could not reach every server yet; try again in a moment');
    }
  }
}
