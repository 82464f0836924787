import { Injectable, PipeTransform } from '@nestjs/common';
import { AppError } from '@app/errors';
import { UUID_PATTERN } from '@app/contracts';

/** Path ids are UUIDs; anything else cannot name an object, so it is "not found" rather than a database error. */
@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !UUID_PATTERN.test(value)) throw new AppError('NOT_FOUND', 'Not found: the id is not valid');
    return value.toLowerCase();
  }
}
