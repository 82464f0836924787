import QRCode from 'qrcode';

/**
 * Kept in a chunk of its own (loaded by pickup-code.tsx with import()): the QR encoder is only needed on
 * the order page of an order that is ready, never on a buyer's first screen.
 */
export async function qrImage(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
