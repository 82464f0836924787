import { Injectable, PipeTransform } from '@nestjs/common';
import { AppError } from '@app/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path ids are UUIDs; anything else cannot name an object, so it is "not found" rather than a database error. */
@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !UUID.test(value)) throw new AppError('NOT_FOUND', 'Not found: the id is not valid');
    return value.toLowerCase();
  }
}
