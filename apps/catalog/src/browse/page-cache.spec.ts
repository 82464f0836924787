import { PageCache } from './page-cache';

describe('PageCache', () => {
  it('serves a page from memory within its time and loads it again after', async () => {
    const cache = new PageCache(50);
    let loads = 0;
    const load = async () => `page ${++loads}`;
    expect(await cache.get('k', load)).toBe('page 1');
    expect(await cache.get('k', load)).toBe('page 1');
    await new Promise((r) => setTimeout(r, 60));
    expect(await cache.get('k', load)).toBe('page 2');
  });

  it('shares one load between concurrent misses and keeps no failure', async () => {
    const cache = new PageCache(1000);
    let loads = 0;
    const slow = () => new Promise<string>((r) => setTimeout(() => r(`page ${++loads}`), 10));
    expect(await Promise.all([cache.get('k', slow), cache.get('k', slow), cache.get('k', slow)])).toEqual(['page 1', 'page 1', 'page 1']);
    await expect(cache.get('bad', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    await new Promise((r) => setImmediate(r));
    expect(await cache.get('bad', async () => 'recovered')).toBe('recovered');
  });

  it('is off with a time of 0', async () => {
    const cache = new PageCache(0);
    let loads = 0;
    await cache.get('k', async () => `${++loads}`);
    await cache.get('k', async () => `${++loads}`);
    expect(loads).toBe(2);
  });

  it('holds at most its size', async () => {
    const cache = new PageCache(10_000, 3);
    let loads = 0;
    for (const k of ['a', 'b', 'c', 'd']) await cache.get(k, async () => `${++loads}`);
    await cache.get('a', async () => `${++loads}`);
    expect(loads).toBe(5); // 'a' was evicted as the oldest
  });
});
