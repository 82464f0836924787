import { Injectable } from '@nestjs/common';

/** Lets a committed transaction wake the relay at once instead of waiting for its next poll. */
@Injectable()
export class RelaySignal {
  private waiter: (() => void) | null = null;
  private pending = false;

  wake(): void {
    this.pending = true;
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  /** Resolves on the next wake() or after `ms`, whichever comes first. */
  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve();
      }, ms);
      this.waiter = () => {
        clearTimeout(timer);
        this.pending = false;
        resolve();
      };
    });
  }
}
