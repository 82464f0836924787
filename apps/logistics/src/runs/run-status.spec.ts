import { AppError } from '@app/errors';
import { canMoveParcel } from '../parcels/parcel-status';
import { nextRunState } from './run-status';
import { orderStops } from './stops';

describe('run states', () => {
  it('go planned → collecting → (hub) → delivering → done', () => {
    let run = nextRunState({ status: 'planned', atHub: false }, 'collect');
    expect(run).toEqual({ status: 'collecting', atHub: false });
    run = nextRunState(run, 'hub');
    expect(run).toEqual({ status: 'collecting', atHub: true });
    run = nextRunState(run, 'deliver');
    expect(run).toEqual({ status: 'delivering', atHub: true });
    expect(nextRunState(run, 'finish').status).toBe('done');
  });

  it('refuse steps out of order with a message that says why', () => {
    const refused = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e as AppError;
      }
      throw new Error('allowed');
    };
    expect(refused(() => nextRunState({ status: 'planned', atHub: false }, 'deliver')).code).toBe('INVALID_TRANSITION');
    expect(refused(() => nextRunState({ status: 'collecting', atHub: false }, 'deliver')).message).toContain('hub first');
    expect(refused(() => nextRunState({ status: 'collecting', atHub: true }, 'hub')).message).toContain('already at the hub');
    expect(refused(() => nextRunState({ status: 'collecting', atHub: false }, 'collect')).message).toContain('only a planned run');
    expect(refused(() => nextRunState({ status: 'delivering', atHub: true }, 'replan')).code).toBe('INVALID_TRANSITION');
  });
});

describe('parcel states', () => {
  it('void only before leaving for the points', () => {
    expect(canMoveParcel('packed', 'voided')).toBe(true);
    expect(canMoveParcel('at_hub', 'voided')).toBe(true);
    expect(canMoveParcel('out_for_delivery', 'voided')).toBe(false);
    expect(canMoveParcel('received', 'handed_over')).toBe(true);
    expect(canMoveParcel('packed', 'received')).toBe(false);
  });
});

describe('stops', () => {
  it('go from the seat to the nearest point, then the nearest from there', () => {
    const seat = { lat: 27.0, lng: 103.0 };
    const far = { id: 'c', lat: 27.3, lng: 103.0 };
    const near = { id: 'b', lat: 27.05, lng: 103.0 };
    const side = { id: 'a', lat: 27.05, lng: 103.2 };
    const stops = orderStops(seat, [far, side, near]);
    expect(stops.map((s) => s.place.id)).toEqual(['b', 'a', 'c']);
    expect(stops[0].legKm).toBeCloseTo(5.6, 1);
    expect(stops.map((s) => s.seq)).toEqual([1, 2, 3]);
  });
});
