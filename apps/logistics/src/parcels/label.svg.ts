import QRCode from 'qrcode';
import { Unit, UNITS } from '@app/contracts';

export interface LabelData {
  parcelCode: string;
  pointName: string;
  pickupDay: string;
  producerName: string;
  status: string;
  perishable: boolean;
  items: Array<{ titleZh: string; unit: string; quantity: number; packedGrams: number | null }>;
}

const MAX_ITEMS = 7;

const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** Long names are cut to fit the label's width rather than run off it. */
const fit = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * A 150 × 100 mm parcel label: the parcel code as a QR code and in text, where it goes (pickup point and
 * day), who packed it and what is inside. Nothing about the buyer: labels are seen by everyone on the way.
 */
export async function renderLabel(d: LabelData): Promise<string> {
  const qr = await QRCode.toString(d.parcelCode, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
  const qrNested = qr.trim().replace('<svg ', '<svg x="20" y="20" width="220" height="220" ');
  const text = (x: number, y: number, size: number, value: string, extra = '') =>
    `<text x="${x}" y="${y}" font-size="${size}"${extra}>${escapeXml(value)}</text>`;
  const items = d.items.slice(0, MAX_ITEMS).map((it, i) => {
    const weight = it.packedGrams !== null ? `（实重 ${(it.packedGrams / 1000).toFixed(2)} kg）` : '';
    return text(20, 290 + i * 20, 15, fit(`${it.titleZh} × ${it.quantity}${UNITS[it.unit as Unit]?.zh ?? it.unit}${weight}`, 40));
  });
  if (d.items.length > MAX_ITEMS) items.push(text(20, 290 + MAX_ITEMS * 20, 15, `…另有 ${d.items.length - MAX_ITEMS} 项`));
  const marks = [
    d.perishable ? `<rect x="470" y="20" width="110" height="34" fill="#000"/>${text(525, 44, 18, '生鲜 易腐', ' fill="#fff" text-anchor="middle" font-weight="bold"')}` : '',
    d.status === 'voided' ? text(300, 240, 64, '已作废 VOID', ' fill="#c00" text-anchor="middle" font-weight="bold" opacity="0.8" transform="rotate(-12 300 240)"') : '',
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="150mm" height="100mm" viewBox="0 0 600 400" font-family="'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif">`,
    `<title>${escapeXml(`包裹 ${d.parcelCode}`)}</title>`,
    `<rect width="600" height="400" fill="#fff" stroke="#000" stroke-width="2"/>`,
    qrNested,
    text(260, 40, 14, '昭通农品 · 自提包裹'),
    text(260, 78, 28, d.parcelCode, ` font-family="'DejaVu Sans Mono',monospace" font-weight="bold" letter-spacing="1"`),
    text(260, 118, 14, '送至自提点'),
    text(260, 142, 20, fit(d.pointName, 16), ' font-weight="bold"'),
    text(260, 178, 14, '取货日'),
    text(260, 202, 20, d.pickupDay, ' font-weight="bold"'),
    text(260, 236, 14, fit(`生产者：${d.producerName}`, 22)),
    `<line x1="20" y1="262" x2="580" y2="262" stroke="#000" stroke-width="1"/>`,
    ...items,
    ...marks,
    `</svg>`,
  ].join('\n');
}
