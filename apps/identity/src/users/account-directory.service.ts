import { Injectable } from '@nestjs/common';
import { AccountCard, AccountDirectory, uniqueIds } from '@app/contracts';
import { UnitOfWork } from '@app/database';

/** The in-process AccountDirectory: roles and statuses from this service's own table. */
@Injectable()
export class AccountDirectoryService implements AccountDirectory {
  constructor(private readonly uow: UnitOfWork) {}

  async accounts(ids: string[]): Promise<AccountCard[]> {
    const wanted = uniqueIds(ids);
    if (!wanted.length) return [];
    return this.uow.dataSource.query(`SELECT id, role, status FROM identity.users WHERE id = ANY($1::uuid[])`, [wanted]);
  }
}
