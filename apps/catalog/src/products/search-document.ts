import { EntityManager } from 'typeorm';
import { COUNTIES, GRADES, PRODUCT_CATEGORIES } from '@app/contracts';
import { toDocumentText } from '../search/tokens';
import { Product } from './product.entity';

/** Rewrites a product's search vector: the title weighs more than the rest. */
export async function writeSearchVector(tx: EntityManager, p: Product): Promise<void> {
  const title = toDocumentText(p.titleZh, p.titleEn);
  const rest = toDocumentText(
    PRODUCT_CATEGORIES[p.category]?.zh,
    PRODUCT_CATEGORIES[p.category]?.en,
    COUNTIES[p.originCounty]?.zh,
    COUNTIES[p.originCounty]?.en,
    p.grade ? GRADES[p.grade] : null,
    p.unitNote,
    p.descriptionZh?.slice(0, 500),
    p.descriptionEn?.slice(0, 500),
  );
  await tx.query(
    `UPDATE catalog.products
        SET search_vector = setweight(to_tsvector('simple', $2), 'A') || setweight(to_tsvector('simple', $3), 'B')
      WHERE id = $1`,
    [p.id, title, rest],
  );
}
