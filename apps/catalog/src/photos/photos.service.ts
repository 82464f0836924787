import { Injectable } from '@nestjs/common';
import type { UploadedMultipartFile } from '@nestjs/platform-fastify/multipart';
import { randomUUID } from 'node:crypto';
import { AuthUser } from '@app/auth';
import { UnitOfWork } from '@app/database';
import { AppError, notFound } from '@app/errors';
import { MAX_PHOTOS } from '../products/product-rules';
import { Product, ProductPhoto } from '../products/product.entity';
import { ownerProductView } from '../products/product.view';
import { ProductsService } from '../products/products.service';
import { toWebImages } from './image-processing';
import { PhotoStorage } from './photo-storage';

@Injectable()
export class PhotosService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly products: ProductsService,
    private readonly storage: PhotoStorage,
  ) {}

  async add(caller: AuthUser, productId: string, file: UploadedMultipartFile | undefined) {
    if (!file?.buffer?.length) {
      throw new AppError('VALIDATION_FAILED', 'file: send the photo as a multipart field named "file"', undefined, [
        { field: 'file', message: 'a photo is required' },
      ]);
    }
    // Check ownership before spending time on the image; the row is locked only for the short write below.
    await this.uow.run((tx) => this.products.loadOwned(tx, caller, productId));
    const images = await toWebImages(file.buffer);
    const id = randomUUID();
    const keys = { small: `products/${productId}/${id}-s.webp`, large: `products/${productId}/${id}-l.webp` };
    await this.storage.put(keys.small, images.small, 'image/webp');
    await this.storage.put(keys.large, images.large, 'image/webp');
    try {
      return await this.uow.run(async (tx) => {
        const { product, producer } = await this.products.loadOwned(tx, caller, productId);
        if (product.photos.length >= MAX_PHOTOS) throw new AppError('CONFLICT', `A product has at most ${MAX_PHOTOS} photos; remove one first`);
        const photo: ProductPhoto = { id, small: this.storage.url(keys.small), large: this.storage.url(keys.large), width: images.width, height: images.height };
        product.photos = [...product.photos, photo];
        const saved = await tx.getRepository(Product).save(product);
        this.products.changedIn(tx, productId);
        return ownerProductView(saved, producer);
      });
    } catch (err) {
      await Promise.all([this.storage.remove(keys.small), this.storage.remove(keys.large)]);
      throw err;
    }
  }

  async remove(caller: AuthUser, productId: string, photoId: string) {
    const { view, removed } = await this.uow.run(async (tx) => {
      const { product, producer } = await this.products.loadOwned(tx, caller, productId);
      const removed = product.photos.find((p) => p.id === photoId);
      if (!removed) throw notFound('Photo');
      product.photos = product.photos.filter((p) => p.id !== photoId);
      const saved = await tx.getRepository(Product).save(product);
      this.products.changedIn(tx, productId);
      return { view: ownerProductView(saved, producer), removed };
    });
    await Promise.all([
      this.storage.remove(`products/${productId}/${removed.id}-s.webp`),
      this.storage.remove(`products/${productId}/${removed.id}-l.webp`),
    ]);
    return view;
  }
}
