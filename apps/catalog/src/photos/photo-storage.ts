/** Where product photos live. The local-disk adapter serves them itself; an object store could replace it. */
export abstract class PhotoStorage {
  abstract put(key: string, data: Buffer, contentType: string): Promise<void>;
  abstract remove(key: string): Promise<void>;
  /** The path or URL a browser loads the object from. */
  abstract url(key: string): string;
}
