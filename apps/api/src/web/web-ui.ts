import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';

/**
 * Where `npm run build` puts the web UI (apps/web, built by Vite): beside the API's bundle in
 * dist/apps/, or, when the API runs from its sources (the e2e tests), in the checkout's dist/.
 */
export const WEB_UI_ROOTS = [
  join(__dirname, '..', 'web'),
  join(__dirname, '..', '..', '..', '..', 'dist', 'apps', 'web'),
];

/** The first of `roots` holding a built UI (its index.html), or null. */
export function findWebUiRoot(roots: readonly string[]): string | null {
  return roots.find((root) => existsSync(join(root, 'index.html'))) ?? null;
}

/**
 * The UI is one origin with the API: its scripts, styles and API calls are all 'self' (the sign-in
 * redirect to ScaiKey is a navigation, which CSP does not govern). No inline script or style.
 */
export const WEB_UI_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Everything under /api is the API's, whatever it answers (its own 404 included). */
const API_PATH = /^\/api(?:\/|$)/i;
/** Vite's output under assets/ carries a content hash in every name: cacheable for good. */
const HASHED_ASSET = /^\/assets\//;

function setDocumentHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', WEB_UI_CSP);
  res.setHeader('X-Frame-Options', 'DENY');
  // The sign-in callback's URL carries the authorization code: never send it on as a referrer.
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-cache');
}

/**
 * Serves the built single-page app: its files as they are, and index.html for every other GET of a
 * path outside /api (client-side routes such as /zones/<id>), so a reload or a shared link works.
 * Anything under /api, and any other method, goes on to the API (and its JSON 404).
 */
export function webUi(root: string): Router {
  const router = express.Router();
  const files = express.static(root, {
    index: false,
    redirect: false,
    fallthrough: true,
    // Set below, per file.
    cacheControl: false,
    setHeaders: (res: Response, path: string) => {
      res.setHeader('X-Content-Type-Options', 'nosniff');
      if (path.endsWith('.html')) setDocumentHeaders(res);
      else if (HASHED_ASSET.test(path.slice(root.length).replaceAll('\\', '/'))) {
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      } else res.setHeader('Cache-Control', 'no-cache');
    },
  });
  const indexHtml = join(root, 'index.html');
  const page = (req: Request, res: Response, next: NextFunction): void => {
    // A missing asset (a stale tab asking for an old hash) is a 404, not the page.
    if (/\.[a-z0-9]+$/i.test(req.path)) return next();
    setDocumentHeaders(res);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.sendFile(indexHtml, (error?: Error) => {
      if (error && !res.headersSent) next(error);
    });
  };
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (API_PATH.test(req.path) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    files(req, res, () => page(req, res, next));
  });
  return router;
}
