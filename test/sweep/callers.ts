import { ApiResponse, TestApp } from '@app/testing';

/** Who sends: nobody, one account of each role. */
export type Caller = 'anonymous' | 'buyer' | 'farmer' | 'staff' | 'admin';
export const CALLERS: Caller[] = ['anonymous', 'buyer', 'farmer', 'staff', 'admin'];
export type Tokens = Record<Caller, string | undefined>;

export type Body = { json: unknown } | { raw: string | (() => FormData); type?: string };

/** One request, exactly as sent, and what it is meant to try. */
export interface Probe {
  caller: Caller;
  method: string;
  url: string;
  what: string;
  body?: Body;
  headers?: Record<string, string>;
}

export function send(t: TestApp, tokens: Tokens, p: Probe): Promise<ApiResponse> {
  const token = tokens[p.caller];
  const headers = { ...(p.headers ?? {}) };
  if (!p.body) return t.api.request(p.method, p.url, { token, headers });
  if ('json' in p.body) return t.api.request(p.method, p.url, { token, headers, body: p.body.json });
  if (p.body.type) headers['content-type'] = p.body.type;
  const raw = typeof p.body.raw === 'function' ? p.body.raw() : p.body.raw;
  return t.api.request(p.method, p.url, { token, headers, raw });
}

export const cut = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);

export function describeBody(b: Body | undefined): string {
  if (!b) return 'no body';
  if ('json' in b) return cut(JSON.stringify(b.json) ?? 'undefined');
  return typeof b.raw === 'function' ? 'multipart form' : `${b.type ?? 'no content-type'} ${cut(JSON.stringify(b.raw))}`;
}

/** One line naming a probe, for failure lists. */
export const describeProbe = (p: Probe) => `${p.method} ${cut(p.url)} as ${p.caller} — ${p.what} [${describeBody(p.body)}]`;
