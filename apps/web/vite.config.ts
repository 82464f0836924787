import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { precompress, shellWorker } from './build/shell-worker.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

// Built into dist/web, which the all-in-one platform process serves at / (apps/platform/src/web).
export default defineConfig({
  root,
  base: '/',
  plugins: [preact({ devtoolsInProd: false, prefreshEnabled: false }), shellWorker(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    // Photos are shrunk in the browser; nothing big should be inlined into the first screen's bundle.
    assetsInlineLimit: 2048,
    modulePreload: { polyfill: false },
  },
  server: {
    fs: { allow: [fileURLToPath(new URL('../..', import.meta.url))] },
    proxy: { '/api': 'http://localhost:3000', '/media': 'http://localhost:3000' },
  },
});
