import type { OrderLineSnapshot, PackedLine } from '@app/queue';
import { AppError, FieldError } from '@app/errors';

/** Units sold by weight and their grams; every other unit is a count. */
export const GRAMS_PER_UNIT: Readonly<Record<string, number>> = { jin: 500, kg: 1000 };

export const soldByWeight = (unit: string) => unit in GRAMS_PER_UNIT;
export const orderedGrams = (line: Pick<OrderLineSnapshot, 'unit' | 'quantity'>) => line.quantity * (GRAMS_PER_UNIT[line.unit] ?? 0);

export interface PackLineInput {
  productId: string;
  packedGrams?: number;
  short?: boolean;
}

/**
 * How each line of a task comes out of packing (docs/fulfilment.md, "Catch weight"). Within the tolerance
 * a weighed line costs what was packed, never more than the ordered line total; outside it the pack is
 * refused, naming the line. Count lines are packed as ordered or short. Every line of the task must be
 * answered exactly once.
 */
export function packLines(lines: OrderLineSnapshot[], input: PackLineInput[], tolerancePct: number): PackedLine[] {
  const errors: FieldError[] = [];
  const byProduct = new Map<string, { item: PackLineInput; index: number }>();
  input.forEach((item, index) => {
    const id = item.productId.toLowerCase();
    if (byProduct.has(id)) errors.push({ field: `lines.${index}.productId`, message: 'answers a line already answered' });
    else if (!lines.some((l) => l.productId === id)) errors.push({ field: `lines.${index}.productId`, message: 'is not a line of this task' });
    else byProduct.set(id, { item, index });
  });
  const packed: PackedLine[] = [];
  for (const line of lines) {
    const given = byProduct.get(line.productId);
    if (!given) {
      errors.push({ field: 'lines', message: `says nothing about ${line.titleZh} (${line.productId}): give packedGrams or short` });
      continue;
    }
    const { item, index } = given;
    const at = `lines.${index}`;
    if (item.short) {
      if (item.packedGrams !== undefined) errors.push({ field: `${at}.packedGrams`, message: `${line.titleZh}: a short line has no packed weight` });
      else packed.push({ productId: line.productId, quantity: line.quantity, packedGrams: null, short: true, finalFen: 0 });
      continue;
    }
    if (!soldByWeight(line.unit)) {
      if (item.packedGrams !== undefined) {
        errors.push({ field: `${at}.packedGrams`, message: `${line.titleZh} is sold by ${line.unit}: pack it as ordered or mark it short, without a weight` });
      } else {
        packed.push({ productId: line.productId, quantity: line.quantity, packedGrams: null, short: false, finalFen: line.lineTotalFen });
      }
      continue;
    }
    if (item.packedGrams === undefined) {
      errors.push({ field: `${at}.packedGrams`, message: `${line.titleZh} is sold by weight: give the packed grams or mark it short` });
      continue;
    }
    const ordered = orderedGrams(line);
    const slack = Math.floor((ordered * tolerancePct) / 100);
    if (Math.abs(item.packedGrams - ordered) > slack) {
      errors.push({
        field: `${at}.packedGrams`,
        message: `${line.titleZh}: ${item.packedGrams} g is outside ±${tolerancePct}% of the ordered ${ordered} g (${ordered - slack}–${ordered + slack} g): repack or mark it short`,
      });
      continue;
    }
    const byWeight = Math.round((line.unitPriceFen * item.packedGrams) / GRAMS_PER_UNIT[line.unit]);
    packed.push({ productId: line.productId, quantity: line.quantity, packedGrams: item.packedGrams, short: false, finalFen: Math.min(byWeight, line.lineTotalFen) });
  }
  if (errors.length) {
    throw new AppError('VALIDATION_FAILED', errors.slice(0, 3).map((e) => `${e.field}: ${e.message}`).join('; '), undefined, errors);
  }
  return packed;
}

/** True when `input` asks for exactly what `done` records: a repeated pack (a double tap) is answered, not refused. */
export function samePacking(done: PackedLine[], input: PackLineInput[]): boolean {
  if (done.length !== input.length) return false;
  return input.every((item) => {
    const line = done.find((d) => d.productId === item.productId.toLowerCase());
    if (!line) return false;
    return line.short === Boolean(item.short) && (line.packedGrams ?? undefined) === (item.short ? undefined : item.packedGrams);
  });
}
