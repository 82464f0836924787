import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError, FieldError } from './app-error';

// When a field breaks several rules, the rule about what kind of value it is says the most:
// "priceFen must be a whole number" rather than "must not be greater than 10000000" for "680".
const FIRST_SAID = ['whitelistValidation', 'isDefined', 'isInt', 'isNumber', 'isString', 'isBoolean', 'isArray', 'isUuid', 'isIn', 'isEnum', 'isDateOnly', 'nestedValidation'];

function bestMessage(constraints: Record<string, string>): string {
  const key = FIRST_SAID.find((k) => k in constraints) ?? Object.keys(constraints)[0];
  return constraints[key];
}

/** One error per field, named by its path (items.0.quantity). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    if (e.constraints && Object.keys(e.constraints).length) out.push({ field, message: bestMessage(e.constraints) });
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/** Far deeper than any DTO goes; class-transformer recurses, and thousands of levels overflow its stack. */
const MAX_INPUT_DEPTH = 16;

const summarize = (fields: FieldError[]) => fields.slice(0, 3).map((f) => `${f.field}: ${f.message}`).join('; ');

/**
 * What no DTO rule catches in time: a JSON `null` body (Nest would take it for `{}`), nesting deep enough
 * to overflow class-transformer, and NUL characters, which PostgreSQL text cannot store. Walks without
 * recursion.
 */
export function screenInput(value: unknown, type: string): FieldError[] {
  if (type === 'body' && value === null) return [{ field: 'body', message: 'the body must be a JSON object' }];
  const errors: FieldError[] = [];
  const pending: Array<{ value: unknown; path: string[] }> = [{ value, path: [] }];
  while (pending.length && errors.length < 10) {
    const { value: v, path } = pending.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) errors.push({ field: path.join('.') || type, message: 'must not contain NUL characters' });
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      if (path.length >= MAX_INPUT_DEPTH) errors.push({ field: path[0], message: `is nested more than ${MAX_INPUT_DEPTH} levels deep` });
      else for (const [k, child] of Object.entries(v)) pending.push({ value: child, path: [...path, k] });
    }
  }
  return errors;
}

class ScreeningValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata) {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const fields = screenInput(value, metadata.type);
      if (fields.length) throw new AppError('VALIDATION_FAILED', summarize(fields), undefined, fields);
    }
    return super.transform(value, metadata);
  }
}

/** Whitelist, refuse unknown fields, convert query strings to the DTO's types. */
export function createValidationPipe(): ValidationPipe {
  return new ScreeningValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flattenValidationErrors(errors);
      return new AppError('VALIDATION_FAILED', summarize(fields) || 'Invalid input', undefined, fields);
    },
  });
}
