import sharp from 'sharp';
import { AppError } from '@app/errors';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const ACCEPTED = new Set(['jpeg', 'png', 'webp']);
const MAX_PIXELS = 40_000_000; // a 40-megapixel photo; larger is refused before decoding

export interface WebImages {
  small: Buffer;
  large: Buffer;
  width: number;
  height: number;
}

/**
 * Checks what the bytes really are (not what the client says), then makes a small (list) and a large
 * (detail) WebP, turned upright by EXIF orientation and stripped of metadata such as GPS position.
 */
export async function toWebImages(data: Buffer): Promise<WebImages> {
  let meta: sharp.Metadata;
  try {
    meta = await sharp(data, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The file is not a picture we can read: send a JPEG, PNG or WebP photo');
  }
  if (!meta.format || !ACCEPTED.has(meta.format)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Photos must be JPEG, PNG or WebP, not ${meta.format ?? 'unknown'}`);
  }
  if ((meta.width ?? 0) < 200 || (meta.height ?? 0) < 200) {
    throw new AppError('VALIDATION_FAILED', 'The photo is too small: at least 200×200 pixels', undefined, [
      { field: 'file', message: 'at least 200×200 pixels' },
    ]);
  }
  try {
    const upright = sharp(data, { limitInputPixels: MAX_PIXELS }).rotate();
    const large = await upright.clone().resize({ width: 1080, height: 1080, fit: 'inside', withoutEnlargement: true }).webp({ quality: 80 }).toBuffer({ resolveWithObject: true });
    const small = await upright.clone().resize({ width: 360, height: 360, fit: 'cover' }).webp({ quality: 70 }).toBuffer();
    return { small, large: large.data, width: large.info.width, height: large.info.height };
  } catch {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The photo is damaged and cannot be read');
  }
}
