import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createTestApp } from './support/app';
import { launchChromium, screenshot } from './support/browser';
import { dig } from './support/dig';
import { grantSystemRole, type IdentityHarness, signIn, type TestUser } from './support/identity';
import { freePort, until } from './support/processes';
import { createScaiKeyStandIn, type ScaiKeyStandIn, type UserRecord } from './support/scaikey';

/** Waits for a locator to be on screen (the UI renders after the API answers). */
async function shown(locator: Locator, timeout = 15_000): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout });
  return locator;
}

/**
 * The web UI in a real browser (Debian's Chromium through playwright-core) against the real API,
 * MariaDB, Redis and PowerDNS: the UI is the built one (dist/apps/web), served by the API at `/`.
 * One browser, the steps in order, as a tenant administrator would work; a screenshot of each screen
 * in .state/ui-screenshots/.
 */
describe('web UI in a browser (e2e)', () => {
  const run = randomBytes(3).toString('hex');
  const zoneA = `webui-pending-${run}.example.com`;
  const zoneB = `webui-${run}.example.com`;
  // A /24 of 172.16/12 drawn per run (no other suite uses that range): reverse zones may not overlap
  // another tenant's, and PowerDNS is shared.
  const net = `172.${16 + (parseInt(run.slice(0, 2), 16) % 16)}.${parseInt(run.slice(2, 4), 16)}`;
  let standIn: ScaiKeyStandIn;
  let app: INestApplication;
  let h: IdentityHarness;
  let origin: string;
  let admin: TestUser;
  let reader: UserRecord;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let apiKey = '';

  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  const button = (name: string | RegExp) =>
    page.getByRole('button', { name, exact: typeof name === 'string' });
  const link = (name: string | RegExp) =>
    page.getByRole('link', { name, exact: typeof name === 'string' });
  const status = (text: string | RegExp) => page.getByRole('status').filter({ hasText: text });

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    standIn = createScaiKeyStandIn({
      redirectUris: [`${origin}/oauth/callback`],
      // Short-lived access tokens: the UI refreshes them (rotating the refresh token) all along.
      accessTokenTtlSeconds: 8,
      devUser: { email: `admin-${run}@example.test`, display_name: 'Web Admin' },
    });
    await standIn.start();
    Object.assign(process.env, standIn.env());
    app = await createTestApp();
    await app.listen(port, '127.0.0.1');
    h = {
      standIn,
      app,
      http: app.getHttpServer(),
      dataSource: app.get<DataSource>(getDataSourceToken()),
      close: async () => undefined,
    };
    if (!standIn.dev) throw new Error('the stand-in seeds a dev user');
    // Both people exist in ScaiDNS once they have signed in (or been synced): the admin is made
    // tenant_admin, the reader gets a role through the UI later.
    admin = await signIn(h, standIn.dev.user);
    await grantSystemRole(h, admin, 'tenant_admin');
    reader = standIn.directory.addUser({
      tenant_id: standIn.dev.tenant.id,
      email: `reader-${run}@example.test`,
      display_name: 'Read Only',
    });
    standIn.directory.assign(standIn.application.id, reader.id);
    await signIn(h, reader);

    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (app && admin) {
      // The zones leave the shared PowerDNS.
      const list = await request(h.http)
        .get('/api/v1/domains?include_deleted=true&page_size=100')
        .set(admin.auth());
      for (const zone of (list.body.data ?? []) as { id: string }[]) {
        await request(h.http).delete(`/api/v1/domains/${zone.id}?hard=true`).set(admin.auth());
      }
    }
    await app?.close();
    await standIn?.stop();
  });

  it('serves the UI at / with its CSP, client routes as the page, and leaves /api to the API', async () => {
    const home = await request(h.http).get('/').expect(200);
    expect(home.headers['content-type']).toMatch(/text\/html/);
    expect(home.headers['content-security-policy']).toContain("script-src 'self'");
    expect(home.text).toContain('<div id="root">');
    const deep = await request(h.http).get('/zones/anything/dnssec').expect(200);
    expect(deep.text).toBe(home.text);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(home.text)?.[1] ?? '';
    const asset = await request(h.http).get(script).expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    await request(h.http).get('/assets/missing-0000.js').expect(404);
    const unknown = await request(h.http).get('/api/v1/no-such-route').expect(404);
    expect(unknown.body).toEqual({ detail: 'Not Found' });
    await request(h.http).get('/api/v1/health/live').expect(200, { status: 'ok' });
  });

  it('signs in through ScaiKey (the stand-in) with authorization code and PKCE', async () => {
    await page.goto(`${origin}/`);
    await shown(heading('Sign in to ScaiDNS'));
    await screenshot(page, '01-sign-in');
    // By keyboard: the first stop is the sign-in button.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Sign in with ScaiKey');
    await page.keyboard.press('Enter');
    await shown(heading('Zones'));
    expect(new URL(page.url()).pathname).toBe('/zones');
    await shown(page.getByText(`admin-${run}@example.test`));
    // A tenant admin sees every section.
    for (const section of ['Zones', 'Reverse zones', 'Access', 'API keys', 'Audit log']) {
      await shown(
        page
          .getByRole('navigation', { name: 'Main' })
          .getByRole('link', { name: section, exact: true }),
      );
    }
    // The tokens stay in memory: nothing in localStorage, the PKCE verifier gone from sessionStorage.
    expect(await page.evaluate('[localStorage.length, sessionStorage.length]')).toEqual([0, 0]);
  });

  it('creates a zone that waits for validation, checks it on demand, deletes and restores it', async () => {
    await link('Create zone').click();
    await shown(heading('Create zone'));
    await screenshot(page, '02-create-zone');
    // The API's own refusals: one about no field in particular, then one next to its field.
    await button('Create zone').click();
    await shown(page.getByRole('alert').filter({ hasText: 'Invalid domain name' }));
    await page.getByLabel('Zone name').fill(zoneA);
    const ttl = page.getByLabel('Default TTL (seconds)');
    await ttl.fill('1.5');
    await button('Create zone').click();
    await until(
      'the TTL to be marked invalid',
      async () => (await ttl.getAttribute('aria-invalid')) === 'true',
    );
    const described = (await ttl.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${described.split(' ').at(-1)}"]`).textContent()).toMatch(
      /integer/i,
    );
    await ttl.fill('');
    await button('Create zone').click();
    await shown(heading(zoneA));
    await shown(page.getByText(`_scaidns-verify.${zoneA}`));
    await button('Check now').click();
    // Tests never reach the internet: the check fails, and the UI says what the API said.
    await shown(page.locator('.validation [role="status"].problem').filter({ hasText: zoneA }));
    await screenshot(page, '03-zone-validation');

    await link('Settings').click();
    await button('Delete zone').click();
    await button(`Delete ${zoneA}`).click();
    await shown(heading('Zones'));
    await shown(page.getByRole('row', { name: new RegExp(zoneA) }).getByText('deleted'));
    await button(`Restore ${zoneA}`).click();
    await shown(status(`${zoneA} is restored.`));
  });

  it('creates an active zone, adds a record PowerDNS answers, edits and deletes it', async () => {
    // From now on the admin may skip validation (a platform admin grants it to trusted tenants).
    await grantSystemRole(h, admin, 'validation_bypass');
    await link('Zones').click();
    await link('Create zone').click();
    await page.getByLabel('Zone name').fill(zoneB);
    await button('Create zone').click();
    await shown(heading(zoneB));
    await shown(page.locator('.page-head').getByText('active'));

    const add = page.getByRole('form', { name: 'Add a record' });
    await add.getByLabel('Name').fill('www');
    await add.getByLabel('Type').selectOption('A');
    await add.getByLabel('Content').fill('not-an-address');
    await add.getByLabel('TTL').fill('300');
    await add.getByRole('button', { name: 'Add record' }).click();
    const content = add.getByLabel('Content');
    await until(
      'the API to refuse the content',
      async () => (await content.getAttribute('aria-invalid')) === 'true',
      10_000,
    );
    const why = await add.locator('.field-error').first().textContent();
    expect(why?.length).toBeGreaterThan(0);

    await content.fill('192.0.2.10');
    await add.getByRole('button', { name: 'Add record' }).click();
    await shown(status(`Added www.${zoneB}. A 192.0.2.10`).or(status(/Added www/)));
    await shown(page.getByRole('row', { name: /www.*192\.0\.2\.10/ }));
    await until('PowerDNS to answer www A', () =>
      dig(`www.${zoneB}`, 'A').answers.some((a) => a.data === '192.0.2.10'),
    );
    await screenshot(page, '04-records');

    await page.getByRole('button', { name: /^Edit www.* A 192\.0\.2\.10$/ }).click();
    const edit = page.getByLabel(/^Content of www/);
    await edit.fill('192.0.2.20');
    await edit.press('Enter');
    await shown(page.getByRole('row', { name: /www.*192\.0\.2\.20/ }));
    await until('PowerDNS to answer the edited record', () =>
      dig(`www.${zoneB}`, 'A').answers.some((a) => a.data === '192.0.2.20'),
    );

    await page.getByRole('button', { name: /^Delete www.* A 192\.0\.2\.20$/ }).click();
    await button('Delete record').click();
    await shown(status(/Deleted www/));
    await until(
      'PowerDNS to stop answering www',
      () => dig(`www.${zoneB}`, 'A').answers.length === 0,
    );
  });

  it('imports a zone file through the preview diff, then bulk-deletes, and exports', async () => {
    await link('Import & export').click();
    const zoneFile = [
      `$ORIGIN ${zoneB}.`,
      '$TTL 300',
      'mail IN A 192.0.2.30',
      '@ IN MX 10 mail',
      'note IN TXT "hello from the web UI"',
      'old IN A 192.0.2.31',
      '',
    ].join('\n');
    await page.getByLabel('Zone file', { exact: true }).setInputFiles({
      name: `${zoneB}.zone`,
      mimeType: 'text/plain',
      buffer: Buffer.from(zoneFile),
    });
    await until('the file to be read', async () =>
      (await page.getByLabel('Records to import').inputValue()).includes('mail IN A'),
    );
    await button('Preview changes').click();
    const diff = page.getByRole('region', { name: 'Changes the import would make' });
    await shown(diff.getByRole('row', { name: /Add mail.* A 192\.0\.2\.30/ }));
    await shown(diff.getByRole('row', { name: /Add note.* TXT/ }));
    // A preview changes nothing.
    expect(dig(`mail.${zoneB}`, 'A').answers).toEqual([]);
    await screenshot(page, '05-import-preview');
    await button('Apply import').click();
    await shown(status(/Imported: 4 added/));
    await until('PowerDNS to answer the imported record', () =>
      dig(`mail.${zoneB}`, 'A').answers.some((a) => a.data === '192.0.2.30'),
    );

    const download = page.waitForEvent('download');
    await button('Download').click();
    const file = await download;
    expect(file.suggestedFilename()).toContain(zoneB);
    const path = await file.path();
    expect(readFileSync(path, 'utf8')).toContain('192.0.2.30');

    await link('Records').click();
    await page.getByRole('checkbox', { name: /^Select old.* A 192\.0\.2\.31$/ }).check();
    await page.getByRole('checkbox', { name: /^Select note.* TXT/ }).check();
    await button('Delete selected (2)').click();
    await button('Delete 2 records').click();
    await shown(status('Deleted 2 records.'));
    await until(
      'PowerDNS to drop the bulk-deleted record',
      () => dig(`old.${zoneB}`, 'A').answers.length === 0,
    );
  });

  it('enables DNSSEC and shows the DS records to copy', async () => {
    await link('DNSSEC').click();
    await shown(page.getByRole('heading', { name: 'DNSSEC is off' }));
    await button('Enable DNSSEC').click();
    await shown(page.getByRole('heading', { name: /DNSSEC is on/ }));
    const ds = await shown(page.locator('.ds-records code'));
    expect(await ds.first().textContent()).toMatch(
      new RegExp(`^${zoneB.replaceAll('.', '\\.')}\\. IN DS \\d+ 13 2 [0-9a-f]+$`),
    );
    await shown(page.getByRole('button', { name: /^Copy DS/ }));
    await screenshot(page, '06-dnssec');
  });

  it('grants access to one zone, fenced to some records', async () => {
    await link('Access grants').click();
    const form = page.getByRole('form', { name: 'Grant access' });
    await form.getByLabel('User').selectOption({ label: `reader-${run}@example.test (Read Only)` });
    await form.getByLabel('Role').selectOption('record_editor');
    await form.getByLabel('Record names').fill('_acme-challenge');
    await form.getByRole('checkbox', { name: 'TXT', exact: true }).check();
    await form.getByRole('button', { name: 'Grant access' }).click();
    await shown(
      page.getByRole('row', {
        name: new RegExp(`reader-${run}.*record_editor.*_acme-challenge.*TXT`),
      }),
    );
    await screenshot(page, '07-access-grants');
  });

  it('assigns the read_only role to the other user', async () => {
    await link('Access').click();
    await shown(heading('Access'));
    const form = page.getByRole('form', { name: 'Assign a role' });
    await form.getByLabel('User').selectOption({ label: `reader-${run}@example.test (Read Only)` });
    await form.getByLabel('Role').selectOption({ label: 'Read only' });
    await form.getByRole('button', { name: 'Assign role' }).click();
    await shown(status(`Assigned read_only to user reader-${run}@example.test.`));
    await shown(page.getByRole('row', { name: new RegExp(`reader-${run}.*read_only.*tenant`) }));
    await screenshot(page, '08-access');
  });

  it('creates an API key whose secret is shown once, with copy', async () => {
    await link('API keys').click();
    await page.getByLabel('Name', { exact: true }).fill(`ci-${run}`);
    await button('Create API key').click();
    const secret = page.getByLabel('New API key');
    await shown(secret);
    apiKey = await secret.inputValue();
    expect(apiKey).toMatch(/^sdk_live_/);
    await button('Copy key').click();
    await shown(status('Copied'));
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(apiKey);
    await screenshot(page, '09-api-key-secret');
    await button('I have stored it').click();
    await shown(page.getByRole('row', { name: new RegExp(`ci-${run}.*${apiKey.slice(0, 12)}`) }));
    // Shown once: nothing on the page holds the secret any more.
    expect(await page.content()).not.toContain(apiKey);
  });

  it('shows the audit log with before and after as a diff', async () => {
    await link('Audit log').click();
    await shown(heading('Audit log'));
    const update = page.locator('ol.audit > li').filter({ hasText: 'record.update' }).first();
    await update.locator('summary').click();
    await shown(update.locator('del', { hasText: '192.0.2.10' }));
    await shown(update.locator('ins', { hasText: '192.0.2.20' }));
    await screenshot(page, '10-audit');
  });

  it('creates a reverse zone from a network and sets a PTR', async () => {
    await link('Reverse zones').click();
    await page.getByLabel('Network').fill(`${net}.0/24`);
    await button('Preview').click();
    const zone = `${net.split('.').reverse().join('.')}.in-addr.arpa`;
    await button(`Create ${zone}`).click();
    await shown(heading(`${net}.0/24`));
    await page.getByLabel('Address').fill(`${net}.5`);
    await page.getByLabel('Host name').fill(`host.${zoneB}.`);
    await button('Set PTR').click();
    await shown(
      page.getByRole('row', { name: new RegExp(`${net.replaceAll('.', '\\.')}\\.5 host\\.`) }),
    );
    await until('PowerDNS to answer the PTR', () =>
      dig(`5.${zone}`, 'PTR').answers.some((a) => a.data === `host.${zoneB}.`),
    );
    await screenshot(page, '11-reverse-zone');
  });

  it('signs out, and signs in again with the API key (which may not manage keys)', async () => {
    // The session outlived several access tokens: the UI refreshed them through /auth/refresh.
    expect(standIn.requests.filter((r) => r.grantType === 'refresh_token').length).toBeGreaterThan(
      0,
    );
    await button('Sign out').click();
    // Out at ScaiKey too: its end-session endpoint sends the browser back to the start page.
    await page.waitForURL(`${origin}/`);
    await shown(heading('Sign in to ScaiDNS'));
    const keyInput = page.getByLabel('API key', { exact: true });
    await keyInput.fill('sdk_live_not-a-key');
    await button('Sign in with the key').click();
    await until(
      'the API to refuse the wrong key',
      async () => (await keyInput.getAttribute('aria-invalid')) === 'true',
    );
    await keyInput.fill(apiKey);
    await button('Sign in with the key').click();
    await shown(heading('Zones'));
    await shown(link(zoneB));
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'API keys' }).count()).toBe(0);
    await button('Sign out').click();
    await shown(heading('Sign in to ScaiDNS'));
  });

  it('offers a read-only user no write buttons', async () => {
    standIn.setDevUser(reader.id);
    await button('Sign in with ScaiKey').click();
    await shown(heading('Zones'));
    await shown(page.getByText(`reader-${run}@example.test`));
    await shown(link(zoneB));
    const writes =
      /^(Create|Add|Edit|Delete|Import|Apply|Enable|Restore|Remove|Revoke|Regenerate|Grant|Assign|Set|Roll|Disable|Save)\b/;
    expect(await page.getByRole('link', { name: 'Create zone' }).count()).toBe(0);
    expect(await button(writes).count()).toBe(0);

    await link(zoneB).click();
    await shown(heading(zoneB));
    await shown(page.getByRole('row', { name: /mail.* A 192\.0\.2\.30/ }));
    expect(await page.getByRole('form', { name: 'Add a record' }).count()).toBe(0);
    expect(await page.getByRole('checkbox', { name: /^Select/ }).count()).toBe(0);
    expect(await button(writes).count()).toBe(0);
    await screenshot(page, '12-read-only-records');

    await link('Import & export').click();
    await shown(button('Download'));
    expect(await button('Preview changes').count()).toBe(0);
    await link('DNSSEC').click();
    await shown(page.getByRole('heading', { name: /DNSSEC is on/ }));
    expect(await button(writes).count()).toBe(0);
    await link('Settings').click();
    await shown(page.getByText('Validated'));
    expect(await button(writes).count()).toBe(0);
    await link('API keys').click();
    await shown(heading('API keys'));
    expect(await page.getByRole('form', { name: 'Create an API key' }).count()).toBe(0);
    expect(await button(writes).count()).toBe(0);
  });

  it('reads well at phone width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await link('Zones').click();
    await link(zoneB).click();
    await shown(page.getByRole('row', { name: /mail.* A 192\.0\.2\.30/ }));
    // Nothing is wider than the screen but what scrolls inside its own region (the tables).
    // (Browser code as text: the tests' TypeScript has no DOM types.)
    const overflowing = await page.evaluate(`[...document.querySelectorAll('body *')]
      .filter((e) => !e.closest('.table-region') && e.getBoundingClientRect().right > innerWidth + 1)
      .map((e) => e.tagName.toLowerCase() + '.' + e.className)`);
    expect(overflowing).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(page, '13-phone-records');
  });
});
