import sharp from 'sharp';
import { Factory, ProducerAccount, startTestApp, TestApp } from '@app/testing';

async function phonePhoto(): Promise<Buffer> {
  // 800×600 as stored, EXIF orientation 6: a phone held upright, so the picture is really 600×800.
  return sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

describe('catalog: product photos from a phone', () => {
  let t: TestApp;
  let f: Factory;
  let farmer: ProducerAccount;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    farmer = await f.producer();
  });
  afterAll(() => t.close());

  const upload = (productId: string, data: Buffer, token: string, name = 'IMG_0001.jpg', type = 'image/jpeg') => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(data)], { type }), name);
    return t.api.request('POST', `/api/catalog/products/${productId}/photos`, { raw: form, token });
  };

  it('stores an upright small and large WebP and serves them', async () => {
    const product = await f.product(farmer, {}, { activate: false });
    const res = await upload(product.id, await phonePhoto(), farmer.token);
    expect(res.status).toBe(201);
    expect(res.body.photos).toHaveLength(1);
    const photo = res.body.photos[0];
    expect(photo).toMatchObject({ width: 600, height: 800 });
    expect(photo.small).toMatch(new RegExp(`^/media/products/${product.id}/[0-9a-f-]{36}-s\\.webp$`));

    const small = await fetch(`${t.baseUrl}${photo.small}`);
    expect(small.status).toBe(200);
    expect(small.headers.get('content-type')).toBe('image/webp');
    const smallMeta = await sharp(Buffer.from(await small.arrayBuffer())).metadata();
    expect(smallMeta).toMatchObject({ format: 'webp', width: 360, height: 360 });
    const large = await sharp(Buffer.from(await (await fetch(`${t.baseUrl}${photo.large}`)).arrayBuffer())).metadata();
    expect(large).toMatchObject({ format: 'webp', width: 600, height: 800 });
    expect(large.exif).toBeUndefined();
  });

  it('accepts a PNG whatever the client calls it, and refuses a text file called .jpg', async () => {
    const product = await f.product(farmer, {}, { activate: false });
    const png = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#3a7' } }).png().toBuffer();
    expect((await upload(product.id, png, farmer.token, 'photo.jpg', 'image/jpeg')).status).toBe(201);
    const fake = await upload(product.id, Buffer.from('not a picture at all'.repeat(50)), farmer.token);
    expect(fake.status).toBe(415);
    const [row] = await t.db.query(`SELECT jsonb_array_length(photos) AS n FROM catalog.products WHERE id = $1`, [product.id]);
    expect(row.n).toBe(1);
  });

  it('removes a photo and its files', async () => {
    const product = await f.product(farmer, {}, { activate: false });
    const added = (await upload(product.id, await phonePhoto(), farmer.token)).body.photos[0];
    const other = await f.producer();
    expect((await t.api.delete(`/api/catalog/products/${product.id}/photos/${added.id}`, other.token)).status).toBe(404);
    const res = await t.api.delete(`/api/catalog/products/${product.id}/photos/${added.id}`, farmer.token);
    expect(res.status).toBe(200);
    expect(res.body.photos).toEqual([]);
    expect((await fetch(`${t.baseUrl}${added.small}`)).status).toBe(404);
  });

  it('keeps at most eight photos', async () => {
    const product = await f.product(farmer, {}, { activate: false });
    const photo = await phonePhoto();
    for (let i = 0; i < 8; i++) expect((await upload(product.id, photo, farmer.token)).status).toBe(201);
    const ninth = await upload(product.id, photo, farmer.token);
    expect(ninth.status).toBe(409);
    const [row] = await t.db.query(`SELECT jsonb_array_length(photos) AS n FROM catalog.products WHERE id = $1`, [product.id]);
    expect(row.n).toBe(8);
  });
});

describe('catalog: multipart outside photo uploads', () => {
  let t: TestApp;
  let f: Factory;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
  });
  afterAll(() => t.close());

  it('refuses a multipart body on a JSON endpoint with 415 instead of ignoring it', async () => {
    const farmer = await f.producer();
    const product = await f.product(farmer, {}, { activate: false });
    const form = new FormData();
    form.append('priceFen', '1');
    const res = await t.api.request('PATCH', `/api/catalog/products/${product.id}`, { raw: form, token: farmer.token });
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await t.api.get(`/api/catalog/products/${product.id}`, farmer.token)).body.priceFen).toBe(680);
  });
});
