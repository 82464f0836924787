import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** dist/web under the repository (or image) root: the nearest folder above this file with a package.json. */
export function defaultWebDir(from = __dirname): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'web');
}

export interface WebFiles {
  index: string;
  /** Files at the top of the build (sw.js, icons): served as they are, not cached for long. */
  rootFiles: Map<string, Buffer>;
}

/** Reads the built app once at start-up; null when it has not been built (API-only use). */
export function readWebFiles(dir: string): WebFiles | null {
  const indexPath = join(dir, 'index.html');
  if (!existsSync(indexPath)) return null;
  const rootFiles = new Map<string, Buffer>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name !== 'index.html' && statSync(path).isFile()) rootFiles.set(name, readFileSync(path));
  }
  return { index: withFirstScreenPreloads(readFileSync(indexPath, 'utf8'), dir), rootFiles };
}

/**
 * The buyer's screens are a lazily loaded chunk, so without a hint the browser learns of it only after the
 * main script has run: one more round trip (400 ms on a slow 4G line) before the first product shows.
 * Announcing it in the HTML lets it download alongside the main script.
 */
export function withFirstScreenPreloads(index: string, dir: string): string {
  const assets = existsSync(join(dir, 'assets')) ? readdirSync(join(dir, 'assets')) : [];
  const links = assets
    .filter((name) => /^buyer-[\w-]+\.(js|css)$/.test(name))
    .map((name) => (name.endsWith('.js') ? `<link rel="modulepreload" crossorigin href="/assets/${name}">` : `<link rel="preload" as="style" href="/assets/${name}">`));
  return links.length ? index.replace('</head>', `${links.join('')}</head>`) : index;
}

/** The settings the app needs before its first request, as a script in index.html; `<` escaped so no value can close the tag. */
export function withClientConfig(index: string, config: Record<string, unknown>): string {
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return index.replace('<!--zt-config-->', `<script>window.__ZT__=${json}</script>`);
}
