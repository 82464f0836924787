import { connect, Socket } from 'node:net';

/**
 * The load generator's HTTP/1.1 client: keep-alive connections over node:net, a request written as one
 * string, the answer parsed for its status, Content-Length or chunked body and Content-Type. It does what a
 * buyer's app does (JSON bodies, a bearer token, custom headers) and nothing more. It shares the machine
 * with the server it measures, so its own cost counts: with node:http's client this process (load and
 * Stripe stand-in) used 1.5–2 ms of CPU per checkout, with this one about 1 ms.
 */
export interface Reply<T = any> {
  status: number;
  body: T;
  /** Wall time from the call to the last byte of the answer. */
  ms: number;
}

export interface CallOptions {
  token?: string;
  json?: unknown;
  /** A body sent as it is (the webhook's signed payload). */
  raw?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

interface Pending {
  resolve: (r: { status: number; headers: Map<string, string>; body: Buffer }) => void;
  reject: (err: Error) => void;
}

const CRLFCRLF = Buffer.from('\r\n\r\n');

/** One keep-alive connection, one request at a time. */
class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private pending: Pending | null = null;
  closed = false;

  constructor(readonly socket: Socket, private readonly onClose: (c: Connection) => void) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.parse();
    });
    socket.on('error', (err) => this.retire(err));
    socket.on('close', () => this.retire());
  }

  /** Out of the pool for good: the request in flight, if any, fails. */
  private retire(err?: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.pending?.reject(err ?? new Error('the server closed the connection'));
    this.pending = null;
    this.onClose(this);
  }

  send(request: string, pending: Pending): void {
    this.pending = pending;
    this.socket.write(request);
  }

  private parse(): void {
    if (!this.pending) return;
    const end = this.buffer.indexOf(CRLFCRLF);
    if (end < 0) return;
    const head = this.buffer.toString('latin1', 0, end).split('\r\n');
    const status = Number(head[0].slice(9, 12));
    const headers = new Map<string, string>();
    for (let i = 1; i < head.length; i++) {
      const colon = head[i].indexOf(':');
      headers.set(head[i].slice(0, colon).trim().toLowerCase(), head[i].slice(colon + 1).trim());
    }
    const start = end + 4;
    let body: Buffer;
    let used: number;
    if (headers.get('transfer-encoding')?.includes('chunked')) {
      const parts: Buffer[] = [];
      let at = start;
      for (;;) {
        const line = this.buffer.indexOf('\r\n', at);
        if (line < 0) return;
        const size = parseInt(this.buffer.toString('latin1', at, line), 16);
        if (this.buffer.length < line + 2 + size + 2) return;
        if (size === 0) {
          used = line + 4;
          break;
        }
        parts.push(this.buffer.subarray(line + 2, line + 2 + size));
        at = line + 2 + size + 2;
      }
      body = Buffer.concat(parts);
    } else {
      const length = Number(headers.get('content-length') ?? 0);
      if (this.buffer.length < start + length) return;
      body = this.buffer.subarray(start, start + length);
      used = start + length;
    }
    this.buffer = this.buffer.subarray(used);
    const done = this.pending;
    this.pending = null;
    if (headers.get('connection') === 'close') {
      // Retired before the caller hands it back, so no request is written to a socket being closed.
      this.socket.end();
      this.retire();
    }
    // `body` may share memory with the buffer, which is only ever replaced, never written to: no copy needed.
    done.resolve({ status, headers, body });
  }
}

export class HttpClient {
  private readonly host: string;
  private readonly port: number;
  private readonly idle: Connection[] = [];
  private readonly open = new Set<Connection>();
  private readonly waiting: Array<(c: Connection) => void> = [];
  private opening = 0;

  /** `sockets`: how many connections at most; each virtual buyer keeps one open, as a phone would. */
  constructor(base: string, private readonly sockets: number) {
    const u = new URL(base);
    this.host = u.hostname;
    this.port = Number(u.port);
  }

  async call<T = any>(method: string, path: string, opts: CallOptions = {}): Promise<Reply<T>> {
    const started = performance.now();
    let payload = '';
    if (opts.raw !== undefined) payload = opts.raw;
    else if (opts.json !== undefined) payload = JSON.stringify(opts.json);
    let head = `${method} ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\naccept: application/json\r\n`;
    if (opts.token) head += `authorization: Bearer ${opts.token}\r\n`;
    const headers = opts.headers ?? {};
    for (const name of Object.keys(headers)) head += `${name}: ${headers[name]}\r\n`;
    if (opts.raw !== undefined || opts.json !== undefined) {
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) head += 'content-type: application/json\r\n';
      head += `content-length: ${Buffer.byteLength(payload)}\r\n`;
    }
    const request = `${head}\r\n${payload}`;
    const timeoutMs = opts.timeoutMs ?? 30_000;
    const conn = await this.connection();
    const answer = await new Promise<{ status: number; headers: Map<string, string>; body: Buffer }>((resolve, reject) => {
      const timer = setTimeout(() => {
        conn.socket.destroy();
        reject(new Error(`timeout after ${timeoutMs} ms: ${method} ${path}`));
      }, timeoutMs);
      conn.send(request, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      });
    });
    this.giveBack(conn);
    const text = answer.body.toString('utf8');
    let body: unknown = text;
    if (text && (answer.headers.get('content-type') ?? '').includes('json')) {
      try {
        body = JSON.parse(text);
      } catch {
        /* keep the text */
      }
    }
    return { status: answer.status, body: body as T, ms: performance.now() - started };
  }

  private connection(): Promise<Connection> {
    const free = this.idle.pop();
    if (free) return Promise.resolve(free);
    if (this.open.size + this.opening < this.sockets) {
      this.opening++;
      return new Promise((resolve, reject) => {
        const socket = connect(this.port, this.host);
        // A refused connection has socket.connecting false by the time 'error' fires: listen for it until 'connect' instead.
        const failed = (err: Error) => {
          this.opening--;
          reject(err);
        };
        socket.once('error', failed);
        socket.once('connect', () => {
          socket.off('error', failed);
          this.opening--;
          const conn = new Connection(socket, (c) => this.forget(c));
          this.open.add(conn);
          resolve(conn);
        });
      });
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private giveBack(conn: Connection): void {
    if (conn.closed) return;
    const next = this.waiting.shift();
    if (next) next(conn);
    else this.idle.push(conn);
  }

  private forget(conn: Connection): void {
    this.open.delete(conn);
    const at = this.idle.indexOf(conn);
    if (at >= 0) this.idle.splice(at, 1);
    // Someone waiting for a connection gets a new one in place of the one that closed.
    const next = this.waiting.shift();
    if (next) void this.connection().then(next, () => this.waiting.unshift(next));
  }

  /** Open connections (in use and idle), to check they really are kept alive. */
  socketCount(): number {
    return this.open.size;
  }

  close(): void {
    for (const conn of this.open) conn.socket.destroy();
    this.open.clear();
    this.idle.length = 0;
  }
}
