import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateProducerDto } from '../../apps/catalog/src/producers/dto/producer.dto';
import { CreateProductDto } from '../../apps/catalog/src/products/dto/product.dto';
import { checkProductRules } from '../../apps/catalog/src/products/product-rules';
import type { ProducerSeed, ProductSeed } from './catalog';

/**
 * Checks generated rows against the API's own create rules (lengths, enums, ranges, cross-field rules),
 * so seeded data is data a farmer could have entered. Throws listing the first few problems.
 */
export function validateCatalog(producers: ProducerSeed[], products: ProductSeed[]): void {
  const problems: string[] = [];
  const check = (what: string, errors: ReturnType<typeof validateSync>) => {
    for (const e of errors) problems.push(`${what}: ${e.property} ${Object.values(e.constraints ?? {}).join('; ')}`);
  };
  for (const p of producers) {
    const dto = plainToInstance(CreateProducerDto, {
      kind: p.kind, name: p.name, contactName: p.contactName, contactPhone: p.contactPhone, county: p.county,
      township: p.township, village: p.village ?? undefined, certifications: p.certifications, description: p.description,
    });
    check(`producer ${p.name}`, validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }));
  }
  for (const p of products) {
    const fields = {
      category: p.category, titleZh: p.titleZh, titleEn: p.titleEn ?? undefined, descriptionZh: p.descriptionZh,
      descriptionEn: p.descriptionEn ?? undefined, unit: p.unit, unitNote: p.unitNote ?? undefined, priceFen: p.priceFen,
      grade: p.grade ?? undefined, originCounty: p.originCounty, harvestFrom: p.harvestFrom ?? undefined, harvestTo: p.harvestTo ?? undefined,
      preSale: p.preSale, expectedShipDate: p.expectedShipDate ?? undefined, perishable: p.perishable,
      shelfLifeDays: p.shelfLifeDays ?? undefined, minOrderQty: p.minOrderQty, stock: p.stockAvailable,
    };
    check(`product ${p.titleZh}`, validateSync(plainToInstance(CreateProductDto, fields), { whitelist: true, forbidNonWhitelisted: true }));
    try {
      checkProductRules(fields);
    } catch (err) {
      problems.push(`product ${p.titleZh}: ${(err as Error).message}`);
    }
  }
  if (problems.length) throw new Error(`generated data breaks the API's rules:\n  ${problems.slice(0, 20).join('\n  ')}`);
}
