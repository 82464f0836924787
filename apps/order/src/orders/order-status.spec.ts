import { AppError } from '@app/errors';
import { assertOrderTransition, canMoveOrder, ORDER_STATUSES } from './order-status';

describe('order status machine', () => {
  it('follows the happy paths for online and pay-at-pickup orders', () => {
    const online = ['creating', 'pending_payment', 'paid', 'in_fulfilment', 'ready_for_pickup', 'picked_up'] as const;
    const atPickup = ['creating', 'confirmed', 'in_fulfilment', 'ready_for_pickup', 'picked_up'] as const;
    for (const path of [online, atPickup]) for (let i = 1; i < path.length; i++) expect(canMoveOrder(path[i - 1], path[i])).toBe(true);
  });

  it('never moves an order backwards', () => {
    expect(canMoveOrder('paid', 'pending_payment')).toBe(false);
    expect(canMoveOrder('ready_for_pickup', 'in_fulfilment')).toBe(false);
    expect(canMoveOrder('expired', 'paid')).toBe(false);
    expect(canMoveOrder('cancelled', 'paid')).toBe(false);
  });

  it('lets late payments end in a refund', () => {
    expect(canMoveOrder('expired', 'refunded')).toBe(true);
    expect(canMoveOrder('cancelled', 'refunded')).toBe(true);
  });

  it('keeps refunded final and explains refusals', () => {
    for (const to of ORDER_STATUSES) expect(canMoveOrder('refunded', to)).toBe(false);
    try {
      assertOrderTransition('picked_up', 'cancelled');
      throw new Error('allowed');
    } catch (e) {
      expect((e as AppError).code).toBe('INVALID_TRANSITION');
      expect((e as AppError).message).toBe('An order that is picked up cannot become cancelled');
    }
  });
});
