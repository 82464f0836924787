/** Every error code the API can answer with. Adding one without an HTTP status fails to compile. */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'MALFORMED_BODY'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'INSUFFICIENT_STOCK'
  | 'PRODUCT_UNAVAILABLE'
  | 'IDEMPOTENCY_MISMATCH'
  | 'PICKUP_POINT_UNAVAILABLE'
  | 'PICKUP_DAY_CLOSED'
  | 'PICKUP_DAY_FULL'
  | 'PAYMENT_FAILED'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL';

export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'MALFORMED_BODY':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
    case 'INVALID_TRANSITION':
    case 'INSUFFICIENT_STOCK':
    case 'PRODUCT_UNAVAILABLE':
    case 'IDEMPOTENCY_MISMATCH':
    case 'PICKUP_POINT_UNAVAILABLE':
    case 'PICKUP_DAY_CLOSED':
    case 'PICKUP_DAY_FULL':
    case 'PAYMENT_FAILED':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'RATE_LIMITED':
      return 429;
    case 'SERVICE_UNAVAILABLE':
      return 503;
    case 'INTERNAL':
      return 500;
    default: {
      const unmapped: never = code;
      return unmapped;
    }
  }
}
