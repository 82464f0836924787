import { Injectable } from '@nestjs/common';

export type RelayTargets = 'all' | string[];

/**
 * Lets a committed transaction wake the relay at once instead of waiting for its next poll, naming the
 * schema whose outbox has news; wakes that arrive together are relayed together.
 */
@Injectable()
export class RelaySignal {
  private readonly dirty = new Set<string>();
  private everything = false;
  private waiter: (() => void) | null = null;

  wake(schema?: string): void {
    if (schema) this.dirty.add(schema);
    else this.everything = true;
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  /** Resolves with the schemas to relay: those woken (after `gatherMs`, to batch them), or all after `idleMs`. */
  async wait(idleMs: number, gatherMs = 10): Promise<RelayTargets> {
    if (!this.pending()) {
      const woken = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          this.waiter = null;
          resolve(false);
        }, idleMs);
        this.waiter = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
      if (!woken) return 'all';
    }
    if (gatherMs > 0) await new Promise((r) => setTimeout(r, gatherMs));
    return this.take();
  }

  private pending(): boolean {
    return this.everything || this.dirty.size > 0;
  }

  private take(): RelayTargets {
    const targets: RelayTargets = this.everything ? 'all' : [...this.dirty];
    this.everything = false;
    this.dirty.clear();
    return targets;
  }
}
