/** The longest side a listing photo keeps: plenty for a phone screen, and ~150 KB instead of 4 MB on 4G. */
export const MAX_SIDE = 1280;

async function decode(file: Blob): Promise<{ source: CanvasImageSource; width: number; height: number; done: () => void }> {
  if ('createImageBitmap' in window) {
    try {
      const bmp = await createImageBitmap(file, { imageOrientation: 'from-image' });
      return { source: bmp, width: bmp.width, height: bmp.height, done: () => bmp.close() };
    } catch {
      /* some older browsers refuse the options; the <img> path below still works */
    }
  }
  const url = URL.createObjectURL(file);
  const img = new Image();
  img.src = url;
  await img.decode();
  return { source: img, width: img.naturalWidth, height: img.naturalHeight, done: () => URL.revokeObjectURL(url) };
}

function encode(canvas: HTMLCanvasElement, type: string, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, type, quality));
}

/**
 * Shrinks a camera photo in the browser before it is uploaded: at most MAX_SIDE px on the longest side,
 * WebP (JPEG where the browser cannot write WebP). The server checks and re-encodes it anyway.
 */
export async function shrinkPhoto(file: Blob): Promise<Blob> {
  const img = await decode(file);
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(img.width, img.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(img.width * scale));
    canvas.height = Math.max(1, Math.round(img.height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no canvas');
    ctx.drawImage(img.source, 0, 0, canvas.width, canvas.height);
    const webp = await encode(canvas, 'image/webp', 0.82);
    if (webp && webp.type === 'image/webp') return webp;
    const jpeg = await encode(canvas, 'image/jpeg', 0.85);
    if (!jpeg) throw new Error('the photo could not be encoded');
    return jpeg;
  } finally {
    img.done();
  }
}
