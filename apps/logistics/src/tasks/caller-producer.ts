import { Inject, Injectable } from '@nestjs/common';
import { AuthUser, requireRole } from '@app/auth';
import { PRODUCER_DIRECTORY, ProducerCard, ProducerDirectory } from '@app/contracts';
import { AppError } from '@app/errors';

const TTL_MS = 30_000;
const MAX_ENTRIES = 5_000;

/**
 * The caller's producer profile, asked of the catalog. A farmer owns at most one and keeps it, so the
 * answer is kept for a short while: a farmer's phone polls its task list and should not cost a catalog
 * call (an HTTP hop when the services run apart) every time.
 */
@Injectable()
export class CallerProducer {
  private readonly cache = new Map<string, { card: ProducerCard; until: number }>();

  constructor(@Inject(PRODUCER_DIRECTORY) private readonly directory: ProducerDirectory) {}

  async require(caller: AuthUser): Promise<ProducerCard> {
    requireRole(caller, 'farmer');
    const hit = this.cache.get(caller.id);
    if (hit && hit.until > Date.now()) return hit.card;
    const card = await this.directory.ofUser(caller.id);
    if (!card) throw new AppError('NOT_FOUND', 'You have no producer profile yet: apply first');
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    this.cache.set(caller.id, { card, until: Date.now() + TTL_MS });
    return card;
  }
}
