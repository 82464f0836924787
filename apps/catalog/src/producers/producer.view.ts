import { countyZh } from '@app/contracts';
import { Producer } from './producer.entity';

/** What anyone may see of an approved producer. */
export function publicProducerView(p: Producer) {
  return {
    id: p.id,
    kind: p.kind,
    name: p.name,
    county: p.county,
    countyName: countyZh(p.county),
    township: p.township,
    village: p.village,
    certifications: p.certifications,
    description: p.description,
  };
}

/** What the owner and admins see, contact details and review state included. */
export function ownerProducerView(p: Producer) {
  return {
    ...publicProducerView(p),
    userId: p.userId,
    contactName: p.contactName,
    contactPhone: p.contactPhone,
    status: p.status,
    reviewNote: p.reviewNote,
    reviewedAt: p.reviewedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
  };
}
