import { LoggerService } from '@nestjs/common';
import pino, { Logger as Pino } from 'pino';
import { Writable } from 'node:stream';

// Mainland mobile numbers, wherever they appear in a line (messages, URLs, error texts).
const PHONE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

export function scrubPhones(line: string): string {
  return line.replace(PHONE, '$1****$2');
}

/** A sink that masks phone numbers in every line, so no code path can leak one into the logs. */
function scrubbing(out: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      out.write(scrubPhones(chunk.toString()), () => done());
    },
  });
}

export function createRootLogger(level: string, destination: NodeJS.WritableStream = process.stdout): Pino {
  return pino(
    {
      level,
      base: { service: process.env.SERVICES ?? 'all' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['password', '*.password', 'req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'phone', '*.phone', 'contactPhone', '*.contactPhone'],
        censor: '[redacted]',
      },
      formatters: { level: (label) => ({ level: label }) },
    },
    scrubbing(destination),
  );
}

/** Routes Nest's own logging (Logger from @nestjs/common) into the same JSON stream. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly root: Pino) {}

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, rest: unknown[]) {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const child = context ? this.root.child({ context }) : this.root;
    if (message && typeof message === 'object') child[level](message as object);
    else child[level](String(message));
  }

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    // Nest passes (message, stack, context); keep the stack as a field, not a second message.
    const stack = typeof rest[0] === 'string' && rest.length > 1 ? rest[0] : undefined;
    if (stack) this.write('error', typeof message === 'object' ? { ...(message as object), stack } : { msg: String(message), stack }, rest.slice(1));
    else this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
}
