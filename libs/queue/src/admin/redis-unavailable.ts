import { AppError } from '@app/errors';

/** Runs a Redis-backed read or write; Redis failing is a 503 that says so, not a 500. */
export async function withRedis<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('SERVICE_UNAVAILABLE', `Redis did not answer while ${what}: ${(err as Error).message}`);
  }
}
