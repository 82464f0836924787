import type { ProducerStatus } from '@app/contracts';
import { AppError } from '@app/errors';

export type ReviewDecision = 'approve' | 'reject' | 'suspend';

const OUTCOME: Record<ReviewDecision, { to: ProducerStatus; from: readonly ProducerStatus[] }> = {
  approve: { to: 'approved', from: ['pending', 'rejected', 'suspended'] },
  reject: { to: 'rejected', from: ['pending'] },
  suspend: { to: 'suspended', from: ['approved'] },
};

/** The status a review decision leads to, or INVALID_TRANSITION when it does not apply. */
export function reviewOutcome(current: ProducerStatus, decision: ReviewDecision): ProducerStatus {
  const rule = OUTCOME[decision];
  if (!rule.from.includes(current)) {
    throw new AppError('INVALID_TRANSITION', `A producer that is ${current} cannot be given "${decision}"`, { from: current, decision });
  }
  return rule.to;
}
