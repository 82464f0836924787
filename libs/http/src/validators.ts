import { Transform } from 'class-transformer';
import { registerDecorator, ValidationOptions } from 'class-validator';

/** A calendar date written YYYY-MM-DD that exists (2026-02-30 does not, nor does year 0000 in PostgreSQL). */
export function IsDateOnly(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isDateOnly',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date written YYYY-MM-DD`, ...options },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || value.startsWith('0000')) return false;
          const d = new Date(`${value}T00:00:00Z`);
          return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
        },
      },
    });
}

/** Query strings arrive as text: turn a whole number into a number, and leave anything else to fail IsInt. */
export const ToInt = () =>
  Transform(({ value }) => (typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value));

/** Query strings arrive as text: 'true'/'1' and 'false'/'0' become booleans; anything else fails IsBoolean. */
export const ToBool = () =>
  Transform(({ value }) => {
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    return value;
  });

/** Trims surrounding white space from text. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
