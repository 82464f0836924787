import { AppError, ErrorCode } from '@app/errors';

/**
 * One call to another service's API with a service token. Its error codes come back as the same
 * AppError an in-process call would throw; a failure to answer is SERVICE_UNAVAILABLE.
 */
export async function callService<T>(
  baseUrl: string,
  token: () => string,
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 5000,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token()}`, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new AppError('SERVICE_UNAVAILABLE', `${new URL(baseUrl).host} did not answer: ${(err as Error).message}`);
  }
  const payload = (await res.json().catch(() => ({}))) as { code?: ErrorCode; message?: string; details?: Record<string, unknown> };
  if (res.ok) return payload as T;
  if (res.status >= 500 || !payload.code) throw new AppError('SERVICE_UNAVAILABLE', `${new URL(baseUrl).host} failed with ${res.status}`);
  throw new AppError(payload.code, payload.message ?? 'Service error', payload.details);
}

/** A call's answer, or null when the other service answers NOT_FOUND: the in-process adapters' "no such thing". */
export async function nullIfNotFound<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}
