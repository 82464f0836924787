import { Injectable } from '@nestjs/common';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Env } from '@app/config';
import { PhotoStorage } from './photo-storage';

/** Files under UPLOAD_DIR, served by the app at PUBLIC_MEDIA_PATH. */
@Injectable()
export class LocalDiskStorage extends PhotoStorage {
  private readonly root: string;

  constructor(private readonly env: Env) {
    super();
    this.root = resolve(env.UPLOAD_DIR);
  }

  private pathOf(key: string): string {
    const full = resolve(join(this.root, key));
    if (!full.startsWith(this.root + sep)) throw new Error(`storage key escapes the upload folder: ${key}`);
    return full;
  }

  async put(key: string, data: Buffer): Promise<void> {
    const full = this.pathOf(key);
    await mkdir(dirname(full), { recursive: true });
    // Write then rename, so a reader never sees half a file.
    const tmp = `${full}.${process.pid}.tmp`;
    await writeFile(tmp, data);
    await rename(tmp, full);
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  url(key: string): string {
    return `${this.env.PUBLIC_MEDIA_PATH}/${key}`;
  }
}
