import { AppError } from '@app/errors';

/**
 * Lets at most `limit` placements run at once in this process; the rest wait their turn in memory.
 * A placement takes a database connection several times; with thousands in flight (a flash sale) each
 * of those waits behind all the others, so every buyer waits for the whole crowd. Queued here instead,
 * a placement runs start to finish once admitted. Correctness never depends on it: that is in the database.
 */
export class Gate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly limit: number,
    private readonly maxWaiting = 10_000,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      if (this.waiting.length >= this.maxWaiting) throw new AppError('SERVICE_UNAVAILABLE', 'Too many orders at once; try again in a moment');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight to the next in line
      else this.running--;
    }
  }
}
