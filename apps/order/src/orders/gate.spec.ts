import { Gate } from './gate';

describe('Gate', () => {
  it('runs at most its limit at once, in arrival order, and passes errors through', async () => {
    const gate = new Gate(2);
    let now = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (i: number) =>
      gate.run(async () => {
        now++;
        peak = Math.max(peak, now);
        await new Promise((r) => setTimeout(r, 5));
        now--;
        order.push(i);
        if (i === 3) throw new Error('boom');
        return i;
      });
    const results = await Promise.allSettled([0, 1, 2, 3, 4, 5].map(task));
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(results[3]).toMatchObject({ status: 'rejected' });
    expect(results[5]).toMatchObject({ status: 'fulfilled', value: 5 });
  });

  it('refuses when too many are waiting', async () => {
    const gate = new Gate(1, 1);
    const slow = () => gate.run(() => new Promise((r) => setTimeout(r, 20)));
    const first = slow();
    const second = slow();
    await expect(slow()).rejects.toThrow(/Too many orders/);
    await Promise.all([first, second]);
  });
});
