import { AppError } from '@app/errors';

export const RUN_STATUSES = ['planned', 'collecting', 'delivering', 'done'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** The admin's steps and the one the pickup points' reports take; the hub is a stop inside collecting. */
export type RunStep = 'collect' | 'hub' | 'deliver' | 'replan' | 'finish';

export interface RunState {
  status: RunStatus;
  atHub: boolean;
}

/** What each step needs and what it leads to; anything else is a 409 that says what to do instead. */
export function nextRunState(run: RunState, step: RunStep): RunState {
  const refuse = (why: string): never => {
    throw new AppError('INVALID_TRANSITION', `This run is ${run.status}${run.atHub && run.status === 'collecting' ? ' (at the hub)' : ''}: ${why}`, {
      status: run.status,
      atHub: run.atHub,
      step,
    });
  };
  switch (step) {
    case 'replan':
      return run.status === 'planned' ? run : refuse('only a planned run can be planned again');
    case 'collect':
      return run.status === 'planned' ? { status: 'collecting', atHub: false } : refuse('only a planned run can start collecting');
    case 'hub':
      if (run.status !== 'collecting') return refuse('only a collecting run can arrive at the hub');
      return run.atHub ? refuse('its parcels are already at the hub') : { status: 'collecting', atHub: true };
    case 'deliver':
      if (run.status !== 'collecting') return refuse('only a collecting run can go out for delivery');
      return run.atHub ? { status: 'delivering', atHub: true } : refuse('bring the parcels to the hub first');
    case 'finish':
      return run.status === 'delivering' ? { status: 'done', atHub: true } : refuse('only a delivering run can be done');
    default: {
      const unknown: never = step;
      return unknown;
    }
  }
}
