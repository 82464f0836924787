/** A number from the environment, or `fallback` when it is unset or not a number. */
export const num = (v: string | undefined, fallback: number) => (v && Number.isFinite(Number(v)) ? Number(v) : fallback);

/** Where a benchmark keeps its data: a database of its own (dropped and made again each run) and Redis. */
export function storeSettings(defaultDatabase: string) {
  return {
    keepDb: process.env.BENCH_KEEP_DB === '1',
    database: process.env.BENCH_DB ?? defaultDatabase,
    adminUrl: process.env.BENCH_ADMIN_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
}
