import sharp from 'sharp';
import { toWebImages, WebImages } from '../../apps/catalog/src/photos/image-processing';
import type { ProductPhoto } from '../../apps/catalog/src/products/product.entity';
import type { ImageKey, PhotoSeed } from './catalog';
import { IMAGE_VARIANTS } from './catalog';
import type { Motif } from './produce';
import { createRng, Rng } from './rng';

/**
 * Placeholder product photos: a simple picture of the produce drawn in SVG (shapes and colour only, no
 * text, since CJK fonts may be missing), rendered by sharp and turned into the app's small and large
 * WebP by the same function an upload goes through.
 */
export const PHOTO_SIZE = 1080;

/** Where a product photo lives, as the photos service lays it out, and what the product row stores. */
export const photoKeys = (productId: string, photoId: string) => ({
  small: `products/${productId}/${photoId}-s.webp`,
  large: `products/${productId}/${photoId}-l.webp`,
});

export interface MediaUrls {
  url(key: string): string;
}

export function photoRecord(media: MediaUrls, productId: string, p: PhotoSeed, size = { width: PHOTO_SIZE, height: PHOTO_SIZE }): ProductPhoto {
  const keys = photoKeys(productId, p.id);
  return { id: p.id, small: media.url(keys.small), large: media.url(keys.large), ...size };
}

interface Palette {
  bg: [string, string];
  main: [string, string];
  accent: string;
  leaf: string;
}

const PALETTES: Record<Motif, [Palette, Palette]> = {
  apple: [
    { bg: ['#fdf6e3', '#dcedc8'], main: ['#ef5350', '#9b1b1b'], accent: '#6d4c41', leaf: '#558b2f' },
    { bg: ['#fff8e1', '#ffe0b2'], main: ['#f4511e', '#b71c1c'], accent: '#5d4037', leaf: '#7cb342' },
  ],
  cherry: [
    { bg: ['#fce4ec', '#f8bbd0'], main: ['#c62828', '#4a0e0e'], accent: '#33691e', leaf: '#689f38' },
    { bg: ['#f1f8e9', '#dcedc8'], main: ['#d32f2f', '#6a1010'], accent: '#2e7d32', leaf: '#43a047' },
  ],
  plum: [
    { bg: ['#f3e5f5', '#e1bee7'], main: ['#e53935', '#7cb342'], accent: '#4e342e', leaf: '#558b2f' },
    { bg: ['#e8f5e9', '#c8e6c9'], main: ['#d81b60', '#9ccc65'], accent: '#4e342e', leaf: '#388e3c' },
  ],
  gastrodia: [
    { bg: ['#efebe9', '#d7ccc8'], main: ['#d7b98e', '#8d6e4f'], accent: '#6d4c41', leaf: '#a1887f' },
    { bg: ['#f5f0e6', '#e0d3bd'], main: ['#e6cfa4', '#9c7b55'], accent: '#5d4037', leaf: '#8d6e63' },
  ],
  potato: [
    { bg: ['#d7c4a3', '#a1887f'], main: ['#e4c48a', '#a67c3d'], accent: '#5d4037', leaf: '#6d8b3a' },
    { bg: ['#e8dcc2', '#bcaaa4'], main: ['#d9a86c', '#8e5b2c'], accent: '#4e342e', leaf: '#7c9a45' },
  ],
  greens: [
    { bg: ['#f1f8e9', '#dcedc8'], main: ['#aed581', '#33691e'], accent: '#e6ee9c', leaf: '#689f38' },
    { bg: ['#e0f2f1', '#b2dfdb'], main: ['#c5e1a5', '#2e7d32'], accent: '#f0f4c3', leaf: '#558b2f' },
  ],
  konjac: [
    { bg: ['#8d6e63', '#4e342e'], main: ['#eceff1', '#90a4ae'], accent: '#546e7a', leaf: '#a5d6a7' },
    { bg: ['#a1887f', '#5d4037'], main: ['#f5f5f5', '#b0bec5'], accent: '#455a64', leaf: '#c5e1a5' },
  ],
  bamboo_fungus: [
    { bg: ['#2e7d32', '#1b5e20'], main: ['#fffde7', '#f0e6c8'], accent: '#a1887f', leaf: '#81c784' },
    { bg: ['#33691e', '#1b3d0f'], main: ['#fffff5', '#efe3c0'], accent: '#8d6e63', leaf: '#9ccc65' },
  ],
  mushroom: [
    { bg: ['#fbe9e7', '#d7ccc8'], main: ['#8d5524', '#4e2a0e'], accent: '#f5e6cc', leaf: '#a1887f' },
    { bg: ['#efebe9', '#bcaaa4'], main: ['#6d4c41', '#3e2723'], accent: '#fff3e0', leaf: '#8d6e63' },
  ],
  pepper: [
    { bg: ['#fff3e0', '#ffcc80'], main: ['#c0392b', '#6e1a12'], accent: '#3e2723', leaf: '#689f38' },
    { bg: ['#fbe9e7', '#ffab91'], main: ['#b03a2e', '#5b1710'], accent: '#212121', leaf: '#7cb342' },
  ],
  walnut: [
    { bg: ['#fff8e1', '#d7ccc8'], main: ['#bc8f5a', '#6d4c2f'], accent: '#4e342e', leaf: '#7cb342' },
    { bg: ['#efebe9', '#c8b7a6'], main: ['#c9a06a', '#7a5533'], accent: '#3e2723', leaf: '#689f38' },
  ],
  buckwheat: [
    { bg: ['#fff8e1', '#ffe082'], main: ['#6d4c41', '#3e2723'], accent: '#a1887f', leaf: '#9e9d24' },
    { bg: ['#fffde7', '#e6c36a'], main: ['#5d4037', '#2b1a12'], accent: '#8d6e63', leaf: '#827717' },
  ],
  grain: [
    { bg: ['#fffde7', '#fff59d'], main: ['#f0d58c', '#c9a53c'], accent: '#8d6e63', leaf: '#afb42b' },
    { bg: ['#fff8e1', '#ffe0b2'], main: ['#f5e0a0', '#d4a73f'], accent: '#795548', leaf: '#9e9d24' },
  ],
  shoot: [
    { bg: ['#f1f8e9', '#c5e1a5'], main: ['#f0e68c', '#a08d3c'], accent: '#6b8e23', leaf: '#558b2f' },
    { bg: ['#f9fbe7', '#dce775'], main: ['#f5deb3', '#b8860b'], accent: '#556b2f', leaf: '#33691e' },
  ],
  tea: [
    { bg: ['#f1f8e9', '#c8e6c9'], main: ['#66bb6a', '#1b5e20'], accent: '#d4a373', leaf: '#2e7d32' },
    { bg: ['#fffde7', '#dcedc8'], main: ['#7cb342', '#33691e'], accent: '#b5651d', leaf: '#558b2f' },
  ],
};

const S = PHOTO_SIZE;
const f = (n: number) => n.toFixed(1);

/** Points spread over the picture without piling up: a jittered grid, shuffled, first `n`. */
function spots(rng: Rng, n: number, margin: number): Array<[number, number]> {
  const side = Math.ceil(Math.sqrt(n * 1.4));
  const cell = (S - 2 * margin) / side;
  const cells: Array<[number, number]> = [];
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) cells.push([margin + (x + 0.2 + rng.next() * 0.6) * cell, margin + (y + 0.2 + rng.next() * 0.6) * cell]);
  }
  return rng.sample(cells, n);
}

function leaf(cx: number, cy: number, len: number, angle: number, fill: string, vein = 'rgba(255,255,255,0.35)'): string {
  return `<g transform="translate(${f(cx)} ${f(cy)}) rotate(${f(angle)})">
    <path d="M0 0 C ${f(len * 0.3)} ${f(-len * 0.28)}, ${f(len * 0.75)} ${f(-len * 0.22)}, ${f(len)} 0 C ${f(len * 0.75)} ${f(len * 0.22)}, ${f(len * 0.3)} ${f(len * 0.28)}, 0 0 Z" fill="${fill}"/>
    <path d="M0 0 L ${f(len * 0.95)} 0" stroke="${vein}" stroke-width="${f(len * 0.03)}"/></g>`;
}

function drawMotif(motif: Motif, p: Palette, rng: Rng): string {
  const out: string[] = [];
  switch (motif) {
    case 'apple':
      for (const [x, y] of spots(rng, 5, 230)) {
        const r = 140 + rng.next() * 50;
        out.push(`<circle cx="${f(x + 8)}" cy="${f(y + 14)}" r="${f(r)}" fill="rgba(0,0,0,0.12)"/>`);
        out.push(`<path d="M ${f(x)} ${f(y - r * 0.75)} C ${f(x - r * 1.25)} ${f(y - r * 1.15)}, ${f(x - r * 1.2)} ${f(y + r * 1.05)}, ${f(x)} ${f(y + r * 0.95)} C ${f(x + r * 1.2)} ${f(y + r * 1.05)}, ${f(x + r * 1.25)} ${f(y - r * 1.15)}, ${f(x)} ${f(y - r * 0.75)} Z" fill="url(#main)"/>`);
        out.push(`<ellipse cx="${f(x - r * 0.38)}" cy="${f(y - r * 0.25)}" rx="${f(r * 0.18)}" ry="${f(r * 0.3)}" fill="rgba(255,255,255,0.35)" transform="rotate(-25 ${f(x - r * 0.38)} ${f(y - r * 0.25)})"/>`);
        out.push(`<path d="M ${f(x)} ${f(y - r * 0.7)} q ${f(r * 0.05)} ${f(-r * 0.3)} ${f(r * 0.18)} ${f(-r * 0.42)}" stroke="${p.accent}" stroke-width="12" fill="none" stroke-linecap="round"/>`);
        out.push(leaf(x + r * 0.15, y - r * 0.95, r * 0.6, -20 - rng.next() * 30, p.leaf));
      }
      break;
    case 'cherry':
      for (const [x, y] of spots(rng, 6, 200)) {
        const r = 70 + rng.next() * 20;
        const top: [number, number] = [x + (rng.next() - 0.5) * 60, y - 230];
        for (const dx of [-r * 0.9, r * 0.9]) {
          out.push(`<path d="M ${f(x + dx)} ${f(y - r * 0.8)} Q ${f(x + dx * 0.3)} ${f(y - 160)} ${f(top[0])} ${f(top[1])}" stroke="${p.accent}" stroke-width="8" fill="none"/>`);
          out.push(`<circle cx="${f(x + dx)}" cy="${f(y)}" r="${f(r)}" fill="url(#main)"/>`);
          out.push(`<circle cx="${f(x + dx - r * 0.35)}" cy="${f(y - r * 0.35)}" r="${f(r * 0.18)}" fill="rgba(255,255,255,0.45)"/>`);
        }
        out.push(leaf(top[0], top[1], 110, -30 - rng.next() * 40, p.leaf));
      }
      break;
    case 'plum':
      for (const [x, y] of spots(rng, 7, 200)) {
        const r = 100 + rng.next() * 30;
        out.push(`<ellipse cx="${f(x)}" cy="${f(y)}" rx="${f(r)}" ry="${f(r * 0.92)}" fill="url(#split)" transform="rotate(${f(rng.next() * 360)} ${f(x)} ${f(y)})"/>`);
        out.push(`<path d="M ${f(x)} ${f(y - r * 0.9)} Q ${f(x + r * 0.1)} ${f(y)} ${f(x)} ${f(y + r * 0.9)}" stroke="rgba(0,0,0,0.12)" stroke-width="6" fill="none"/>`);
        out.push(`<circle cx="${f(x - r * 0.4)}" cy="${f(y - r * 0.4)}" r="${f(r * 0.15)}" fill="rgba(255,255,255,0.4)"/>`);
      }
      break;
    case 'gastrodia':
      for (const [x, y] of spots(rng, 5, 260)) {
        const rx = 200 + rng.next() * 60;
        const ry = 85 + rng.next() * 20;
        const a = rng.next() * 60 - 30;
        out.push(`<g transform="rotate(${f(a)} ${f(x)} ${f(y)})">`);
        out.push(`<ellipse cx="${f(x)}" cy="${f(y + 10)}" rx="${f(rx)}" ry="${f(ry)}" fill="rgba(0,0,0,0.12)"/>`);
        out.push(`<ellipse cx="${f(x)}" cy="${f(y)}" rx="${f(rx)}" ry="${f(ry)}" fill="url(#main)"/>`);
        for (let k = -3; k <= 3; k++) {
          const cx = x + k * rx * 0.24;
          out.push(`<path d="M ${f(cx)} ${f(y - ry * 0.92)} Q ${f(cx + 18)} ${f(y)} ${f(cx)} ${f(y + ry * 0.92)}" stroke="${p.accent}" stroke-width="5" fill="none" opacity="0.55"/>`);
        }
        out.push(`<path d="M ${f(x + rx * 0.95)} ${f(y)} q 50 -18 80 -60" stroke="${p.accent}" stroke-width="16" fill="none" stroke-linecap="round"/>`);
        out.push('</g>');
      }
      break;
    case 'potato':
      for (const [x, y] of spots(rng, 7, 200)) {
        const rx = 120 + rng.next() * 40;
        const ry = 85 + rng.next() * 25;
        const a = rng.next() * 180;
        out.push(`<g transform="rotate(${f(a)} ${f(x)} ${f(y)})"><ellipse cx="${f(x + 6)}" cy="${f(y + 10)}" rx="${f(rx)}" ry="${f(ry)}" fill="rgba(0,0,0,0.15)"/>`);
        out.push(`<ellipse cx="${f(x)}" cy="${f(y)}" rx="${f(rx)}" ry="${f(ry)}" fill="url(#main)"/>`);
        for (let k = 0; k < 5; k++) out.push(`<circle cx="${f(x + (rng.next() - 0.5) * rx * 1.4)}" cy="${f(y + (rng.next() - 0.5) * ry * 1.2)}" r="6" fill="${p.accent}" opacity="0.6"/>`);
        out.push('</g>');
      }
      break;
    case 'greens': {
      const [cx, cy] = [S / 2, S / 2 + 30];
      for (let k = 6; k >= 1; k--) {
        const r = 60 + k * 58;
        out.push(`<ellipse cx="${f(cx + (rng.next() - 0.5) * 20)}" cy="${f(cy)}" rx="${f(r)}" ry="${f(r * 0.9)}" fill="url(#main)" opacity="${f(0.55 + k * 0.07)}" stroke="${p.accent}" stroke-width="6"/>`);
      }
      for (let k = 0; k < 8; k++) {
        const a = (k / 8) * Math.PI * 2;
        out.push(`<path d="M ${f(cx)} ${f(cy)} Q ${f(cx + Math.cos(a) * 200 + 30)} ${f(cy + Math.sin(a) * 200)} ${f(cx + Math.cos(a) * 380)} ${f(cy + Math.sin(a) * 340)}" stroke="${p.accent}" stroke-width="8" fill="none" opacity="0.8"/>`);
      }
      break;
    }
    case 'konjac':
      for (const [x, y] of spots(rng, 4, 270)) {
        const w = 300 + rng.next() * 60;
        const h = 200 + rng.next() * 40;
        out.push(`<rect x="${f(x - w / 2 + 10)}" y="${f(y - h / 2 + 14)}" width="${f(w)}" height="${f(h)}" rx="36" fill="rgba(0,0,0,0.2)"/>`);
        out.push(`<rect x="${f(x - w / 2)}" y="${f(y - h / 2)}" width="${f(w)}" height="${f(h)}" rx="36" fill="url(#main)"/>`);
        for (let k = 0; k < 40; k++) out.push(`<circle cx="${f(x + (rng.next() - 0.5) * w * 0.85)}" cy="${f(y + (rng.next() - 0.5) * h * 0.8)}" r="${f(2 + rng.next() * 4)}" fill="${p.accent}" opacity="0.5"/>`);
      }
      out.push(leaf(160, 900, 220, -40, p.leaf));
      break;
    case 'bamboo_fungus':
      for (const [x, y] of spots(rng, 3, 300)) {
        const h = 420;
        out.push(`<ellipse cx="${f(x)}" cy="${f(y - h * 0.45)}" rx="70" ry="55" fill="${p.accent}"/>`);
        for (let row = 0; row < 9; row++) {
          const yy = y - h * 0.35 + row * 40;
          const half = 60 + row * 22;
          for (let col = -half; col <= half; col += 34) out.push(`<circle cx="${f(x + col + (row % 2) * 17)}" cy="${f(yy)}" r="14" fill="none" stroke="url(#main)" stroke-width="7"/>`);
        }
        out.push(`<rect x="${f(x - 26)}" y="${f(y - h * 0.4)}" width="52" height="${f(h * 0.95)}" rx="24" fill="${p.main[0]}" opacity="0.9"/>`);
      }
      break;
    case 'mushroom':
      for (const [x, y] of spots(rng, 6, 220)) {
        const r = 110 + rng.next() * 30;
        out.push(`<rect x="${f(x - r * 0.22)}" y="${f(y - 10)}" width="${f(r * 0.44)}" height="${f(r * 0.9)}" rx="20" fill="${p.accent}"/>`);
        out.push(`<path d="M ${f(x - r)} ${f(y)} A ${f(r)} ${f(r * 0.8)} 0 0 1 ${f(x + r)} ${f(y)} Z" fill="url(#main)"/>`);
        for (let k = 0; k < 6; k++) out.push(`<circle cx="${f(x + (rng.next() - 0.5) * r * 1.3)}" cy="${f(y - rng.next() * r * 0.6)}" r="${f(6 + rng.next() * 8)}" fill="${p.accent}" opacity="0.55"/>`);
      }
      break;
    case 'pepper':
      for (const [x, y] of spots(rng, 9, 170)) {
        out.push(`<path d="M ${f(x)} ${f(y - 100)} L ${f(x)} ${f(y + 30)}" stroke="${p.accent}" stroke-width="6"/>`);
        for (let k = 0; k < 9; k++) {
          const cx = x + (rng.next() - 0.5) * 120;
          const cy = y + (rng.next() - 0.5) * 110;
          out.push(`<circle cx="${f(cx)}" cy="${f(cy)}" r="24" fill="url(#main)"/><circle cx="${f(cx + 5)}" cy="${f(cy - 2)}" r="7" fill="${p.accent}" opacity="0.7"/>`);
        }
        if (rng.chance(0.5)) out.push(leaf(x, y - 100, 120, -60 - rng.next() * 60, p.leaf));
      }
      break;
    case 'walnut':
      for (const [x, y] of spots(rng, 7, 200)) {
        const r = 110 + rng.next() * 25;
        out.push(`<circle cx="${f(x + 8)}" cy="${f(y + 12)}" r="${f(r)}" fill="rgba(0,0,0,0.15)"/>`);
        out.push(`<circle cx="${f(x)}" cy="${f(y)}" r="${f(r)}" fill="url(#main)"/>`);
        out.push(`<path d="M ${f(x)} ${f(y - r)} Q ${f(x + 25)} ${f(y)} ${f(x)} ${f(y + r)}" stroke="${p.accent}" stroke-width="9" fill="none"/>`);
        for (let k = 0; k < 7; k++) {
          const a = rng.next() * Math.PI * 2;
          const d = r * (0.3 + rng.next() * 0.5);
          out.push(`<path d="M ${f(x + Math.cos(a) * d)} ${f(y + Math.sin(a) * d)} q ${f(20 - rng.next() * 40)} ${f(20 - rng.next() * 40)} ${f(35 - rng.next() * 70)} ${f(35 - rng.next() * 70)}" stroke="${p.accent}" stroke-width="6" fill="none" opacity="0.6" stroke-linecap="round"/>`);
        }
      }
      break;
    case 'buckwheat':
    case 'grain': {
      out.push(`<ellipse cx="${S / 2}" cy="${S * 0.66}" rx="380" ry="150" fill="${p.accent}"/>`);
      out.push(`<path d="M ${S / 2 - 380} ${S * 0.66} A 380 260 0 0 0 ${S / 2 + 380} ${S * 0.66} Z" fill="${p.accent}" opacity="0.85"/>`);
      for (let k = 0; k < 220; k++) {
        const x = S / 2 + (rng.next() - 0.5) * 700;
        const y = S * 0.6 + (rng.next() - 0.5) * 160 - Math.abs(x - S / 2) * 0.05;
        const a = rng.next() * 360;
        out.push(motif === 'buckwheat'
          ? `<path d="M ${f(x)} ${f(y - 16)} L ${f(x + 14)} ${f(y + 10)} L ${f(x - 14)} ${f(y + 10)} Z" fill="url(#main)" transform="rotate(${f(a)} ${f(x)} ${f(y)})"/>`
          : `<ellipse cx="${f(x)}" cy="${f(y)}" rx="18" ry="8" fill="url(#main)" transform="rotate(${f(a)} ${f(x)} ${f(y)})"/>`);
      }
      for (let k = 0; k < 4; k++) out.push(leaf(140 + k * 60, 260 - k * 30, 200, -70 + k * 15, p.leaf));
      break;
    }
    case 'shoot':
      for (const [x, y] of spots(rng, 5, 260)) {
        const h = 330 + rng.next() * 80;
        const w = 110 + rng.next() * 30;
        const a = rng.next() * 40 - 20;
        out.push(`<g transform="rotate(${f(a)} ${f(x)} ${f(y)})"><path d="M ${f(x - w)} ${f(y + h / 2)} Q ${f(x - w * 0.7)} ${f(y - h * 0.2)} ${f(x)} ${f(y - h / 2)} Q ${f(x + w * 0.7)} ${f(y - h * 0.2)} ${f(x + w)} ${f(y + h / 2)} Z" fill="url(#main)"/>`);
        for (let k = 1; k < 6; k++) {
          const yy = y + h / 2 - k * h * 0.17;
          const half = w * (1 - k * 0.15);
          out.push(`<path d="M ${f(x - half)} ${f(yy)} Q ${f(x)} ${f(yy - 30)} ${f(x + half)} ${f(yy)}" stroke="${p.accent}" stroke-width="7" fill="none" opacity="0.7"/>`);
        }
        out.push('</g>');
      }
      for (let k = 0; k < 3; k++) out.push(leaf(900 - k * 40, 120 + k * 50, 230, 150 + k * 12, p.leaf));
      break;
    case 'tea':
      out.push(`<circle cx="${S * 0.62}" cy="${S * 0.6}" r="230" fill="#ffffff" opacity="0.9"/><circle cx="${S * 0.62}" cy="${S * 0.6}" r="190" fill="${p.accent}" opacity="0.85"/>`);
      for (let k = 0; k < 9; k++) out.push(leaf(100 + rng.next() * 400, 120 + rng.next() * 800, 200 + rng.next() * 60, rng.next() * 360, rng.pick(p.main)));
      break;
  }
  return out.join('\n');
}

/** The SVG for one motif and colouring; the same key always draws the same picture. */
export function placeholderSvg(key: ImageKey): string {
  const [motif, variant] = key.split(/-(?=\d+$)/) as [Motif, string];
  const palette = PALETTES[motif][Number(variant) % 2];
  const rng = createRng(hashKey(key));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${S}" height="${S}" viewBox="0 0 ${S} ${S}">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${palette.bg[0]}"/><stop offset="1" stop-color="${palette.bg[1]}"/></linearGradient>
    <radialGradient id="main" cx="0.35" cy="0.3" r="0.8"><stop offset="0" stop-color="${palette.main[0]}"/><stop offset="1" stop-color="${palette.main[1]}"/></radialGradient>
    <linearGradient id="split" x1="0" y1="0" x2="1" y2="0"><stop offset="0.48" stop-color="${palette.main[0]}"/><stop offset="0.52" stop-color="${palette.main[1]}"/></linearGradient>
  </defs>
  <rect width="${S}" height="${S}" fill="url(#bg)"/>
  <circle cx="${S * 0.85}" cy="${S * 0.12}" r="${S * 0.3}" fill="#ffffff" opacity="0.18"/>
  ${drawMotif(motif, palette, rng)}
</svg>`;
}

function hashKey(key: string): number {
  let h = 2166136261;
  for (const ch of key) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  return h >>> 0;
}

/** Renders each image once (small and large WebP through the app's own upload pipeline). */
export async function renderImages(keys: Iterable<ImageKey>): Promise<Map<ImageKey, WebImages>> {
  const out = new Map<ImageKey, WebImages>();
  for (const key of new Set(keys)) {
    const png = await sharp(Buffer.from(placeholderSvg(key))).png().toBuffer();
    out.set(key, await toWebImages(png));
  }
  return out;
}

export function allImageKeys(): ImageKey[] {
  return (Object.keys(PALETTES) as Motif[]).flatMap((m) => Array.from({ length: IMAGE_VARIANTS }, (_, v) => `${m}-${v}` as ImageKey));
}
