import { AppError } from '@app/errors';

export const ORDER_STATUSES = [
  'creating',
  'pending_payment',
  'confirmed',
  'paid',
  'in_fulfilment',
  'ready_for_pickup',
  'picked_up',
  'cancelled',
  'expired',
  'refunded',
  'partially_refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * The order's life. 'creating' is internal (stock and slot being held) and never shown. A paid order
 * that is cancelled goes to cancelled and then, once the money is back, to refunded; so does an expired
 * or cancelled order whose payment landed late. During fulfilment, refunds of single lines (short,
 * lighter than ordered, missing) leave the status alone and show in refunded_fen; an order whose goods
 * all went back ends refunded (online) or cancelled (pay at pickup), and a parcel returned with only
 * part of its value refunded ends partially_refunded.
 */
const ALLOWED: Record<OrderStatus, readonly OrderStatus[]> = {
  creating: ['pending_payment', 'confirmed'],
  pending_payment: ['paid', 'cancelled', 'expired'],
  confirmed: ['in_fulfilment', 'cancelled'],
  paid: ['in_fulfilment', 'cancelled'],
  in_fulfilment: ['ready_for_pickup', 'partially_refunded', 'refunded', 'cancelled'],
  ready_for_pickup: ['picked_up', 'partially_refunded', 'refunded', 'cancelled'],
  picked_up: ['partially_refunded', 'refunded'],
  cancelled: ['refunded'],
  expired: ['refunded'],
  partially_refunded: ['ready_for_pickup', 'picked_up', 'refunded', 'partially_refunded'],
  refunded: [],
};

export function canMoveOrder(from: OrderStatus, to: OrderStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function assertOrderTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canMoveOrder(from, to)) {
    throw new AppError('INVALID_TRANSITION', `An order that is ${from.replace(/_/g, ' ')} cannot become ${to.replace(/_/g, ' ')}`, { from, to });
  }
}

/** A buyer may cancel until fulfilment starts. */
export const CANCELLABLE: readonly OrderStatus[] = ['pending_payment', 'confirmed', 'paid'];

/** An order in one of these no longer holds stock or a slot, and fulfilment news for it changes nothing. */
export const GONE: readonly OrderStatus[] = ['cancelled', 'expired', 'refunded'];
