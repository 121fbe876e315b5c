import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * The web UI: `npm run build` writes it to dist/apps/web, which the API serves at `/`.
 * `npm run dev:web` serves it with live reload and sends /api to the API on :8000.
 */
export default defineConfig({
  root: here('.'),
  resolve: { alias: { '@app/api-client': here('../../libs/api-client/src/index.ts') } },
  build: {
    outDir: here('../../dist/apps/web'),
    emptyOutDir: true,
    // No inline script: the page's Content-Security-Policy allows scripts from 'self' only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8000' } },
});
