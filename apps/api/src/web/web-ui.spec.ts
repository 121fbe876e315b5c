import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { findWebUiRoot, WEB_UI_CSP, webUi } from './web-ui';

describe('webUi (the built web UI, served beside the API)', () => {
  let root: string;
  let app: express.Express;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'scaidns-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1);');
    writeFileSync(join(root, 'favicon.svg'), '<svg/>');
    app = express();
    app.get('/api/v1/ping', (_req, res) => void res.json({ pong: true }));
    app.use(webUi(root));
    // What Nest's not-found handler does after it.
    app.use(
      (_req: express.Request, res: express.Response) =>
        void res.status(404).json({ detail: 'Not Found' }),
    );
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('answers the page at / and at every client-side route, with its CSP and no caching', async () => {
    for (const path of ['/', '/zones', '/zones/5f0c/dnssec', '/oauth/callback?code=x&state=y']) {
      const res = await request(app).get(path).expect(200);
      expect(res.text).toContain('<div id="root">');
      expect(res.headers['content-security-policy']).toBe(WEB_UI_CSP);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('serves hashed assets for good and other files revalidated; a missing asset is a 404', async () => {
    const asset = await request(app).get('/assets/index-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
    const icon = await request(app).get('/favicon.svg').expect(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
    await request(app).get('/assets/index-old.js').expect(404, { detail: 'Not Found' });
  });

  it('leaves /api and every other method to the API', async () => {
    await request(app).get('/api/v1/ping').expect(200, { pong: true });
    await request(app).get('/api/v1/unknown').expect(404, { detail: 'Not Found' });
    await request(app).get('/api').expect(404, { detail: 'Not Found' });
    await request(app).get('/API/v1/unknown').expect(404, { detail: 'Not Found' });
    await request(app).post('/zones').expect(404, { detail: 'Not Found' });
  });

  it('finds the first root holding a built UI, or none', () => {
    expect(findWebUiRoot([join(root, 'nope'), root])).toBe(root);
    expect(findWebUiRoot([join(root, 'nope')])).toBeNull();
  });
});
