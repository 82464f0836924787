/**
 * Whether a one-statement step waits for its WAL flush before it counts as committed.
 *
 * A step may skip the wait when losing it in a crash costs nothing (the outbox relay's marks: a row that
 * loses its mark is relayed again, as the same job), or when a commit that does wait follows it in the
 * same database before anyone is told the outcome: that flush writes out all WAL before it, the earlier
 * step's included; if the database stops in between, the two are lost together, and nobody had been told.
 * Checkout works so: the key claim, the stock reservation and the slot hold (when catalog and pickup points
 * share the process, hence the database) skip the wait, and the order's own write waits for all of them.
 * Besides sparing fsyncs, a step that skips the wait lets go of its row locks sooner: a flash sale's buyers
 * queue on one product row for each other's commits.
 */
export type CommitWait = 'wait' | 'no-wait';

/**
 * A CTE member setting how the statement's own transaction commits, from a text parameter holding
 * commitWaitSetting(). The statement's first write must read from it, so that it runs before anything.
 */
export function commitWaitCte(param: string): string {
  return `SELECT set_config('synchronous_commit', ${param}::text, true) AS synchronous_commit`;
}

export function commitWaitSetting(wait: CommitWait): 'on' | 'off' {
  return wait === 'wait' ? 'on' : 'off';
}
