import { AppError, FieldError } from '@app/errors';

/**
 * The fields a PATCH body really sets. Absent fields are left out; null clears a field only where the
 * field may be empty, and is a field error anywhere else (IsOptional lets null through validation).
 */
export function patchFields<T extends object>(dto: T, nullable: ReadonlyArray<keyof T>): Partial<T> {
  const errors: FieldError[] = [];
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(dto) as Array<[keyof T & string, unknown]>) {
    if (v === undefined) continue;
    if (v === null && !nullable.includes(k)) errors.push({ field: k, message: `${k} cannot be empty` });
    else out[k] = v;
  }
  if (errors.length) throw new AppError('VALIDATION_FAILED', errors.map((e) => e.message).join('; '), undefined, errors);
  return out as Partial<T>;
}
