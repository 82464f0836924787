import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { AppError, FieldError } from './app-error';
import { ErrorCode, statusOf } from './error-codes';

export interface ErrorBody {
  status: number;
  code: ErrorCode;
  message: string;
  errors?: FieldError[];
  details?: Record<string, unknown>;
  requestId?: string;
}

const HTTP_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

const MALFORMED = new Set(['FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY']);
const MALFORMED_MESSAGE = 'The request body is not valid JSON';

/** Maps anything thrown to the one error shape. Errors that are not ours become 500 and are logged. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof AppError) {
    return { status: statusOf(err.code), code: err.code, message: err.message, errors: err.fields, details: err.details };
  }
  if (err instanceof HttpException) {
    const causeCode = (err.cause as { code?: string } | undefined)?.code;
    if (causeCode && MALFORMED.has(causeCode)) return { status: 400, code: 'MALFORMED_BODY', message: MALFORMED_MESSAGE };
    const status = err.getStatus();
    const res = err.getResponse();
    const message = typeof res === 'string' ? res : String((res as { message?: unknown }).message ?? err.message);
    return { status, code: HTTP_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED'), message };
  }
  // Errors raised by Fastify itself before a route runs (bad JSON, body too large, wrong content type).
  const e = err as { statusCode?: number; code?: string; message?: string };
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const code: ErrorCode = MALFORMED.has(e.code ?? '') || e instanceof SyntaxError ? 'MALFORMED_BODY' : (HTTP_CODES[e.statusCode] ?? 'VALIDATION_FAILED');
    const message = code === 'MALFORMED_BODY' ? MALFORMED_MESSAGE : (e.message ?? 'Bad request');
    return { status: e.statusCode, code, message };
  }
  return { status: 500, code: 'INTERNAL', message: 'Internal error' };
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(err: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<{ id?: string; method?: string; url?: string }>();
    const reply = ctx.getResponse<{ status(code: number): { send(body: unknown): void }; header(k: string, v: string): unknown }>();
    const body = toErrorBody(err);
    body.requestId = req?.id;
    if (body.status >= 500) {
      this.logger.error({ msg: 'unhandled error', requestId: req?.id, route: `${req?.method} ${req?.url?.split('?')[0]}`, err: describe(err) });
    }
    if (body.code === 'RATE_LIMITED' && typeof body.details?.retryAfterSeconds === 'number') {
      reply.header('retry-after', String(body.details.retryAfterSeconds));
    }
    reply.status(body.status).send(body);
  }
}

function describe(err: unknown) {
  return err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : { value: String(err) };
}
