/** Clean-up steps, run last-in first-out at the end, on failure and on Ctrl-C. */
export class Cleanup {
  private steps: Array<{ what: string; run: () => Promise<unknown> | unknown }> = [];
  private aborted = false;

  add(what: string, run: () => Promise<unknown> | unknown) {
    this.steps.push({ what, run });
  }

  async run() {
    while (this.steps.length) {
      const step = this.steps.pop()!;
      try {
        await step.run();
      } catch (err) {
        process.stderr.write(`clean-up "${step.what}" failed: ${(err as Error).message}\n`);
      }
    }
  }

  /** Cleans up once and exits with `code`, whichever of a signal or a crash comes first. */
  abort(code: number, why: string): void {
    if (this.aborted) return;
    this.aborted = true;
    process.stderr.write(why);
    void this.run().finally(() => process.exit(code));
  }

  /** Ctrl-C and SIGTERM clean up before the process ends, so no server, database or Redis keys are left behind. */
  abortOnSignals(): void {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => this.abort(130, `\n${sig}: cleaning up\n`));
  }
}
