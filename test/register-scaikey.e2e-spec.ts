import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'dotenv';
import { startScaidns } from './support/cli';
import { createScaiKeyStandIn, type ScaiKeyStandIn } from './support/scaikey';

async function waitFor(predicate: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `scaidns register-scaikey` (the built CLI) against the stand-in, approved by the test. */
describe('scaidns register-scaikey (e2e)', () => {
  let standIn: ScaiKeyStandIn;
  let dir: string;
  let envFile: string;

  const ORIGINAL = [
    '# ScaiDNS settings',
    'DATABASE_URL=mysql://scaidns:secret@127.0.0.1:3306/scaidns',
    'SCAIKEY_CLIENT_ID=old-client',
    '',
    'PORT=8000',
  ].join('\n');

  beforeAll(async () => {
    standIn = createScaiKeyStandIn();
    await standIn.start();
    dir = await mkdtemp(join(tmpdir(), 'scaidns-register-'));
  });

  afterAll(async () => {
    await standIn.stop();
    await rm(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    envFile = join(dir, `${Date.now()}.env`);
    await writeFile(envFile, `${ORIGINAL}\n`);
  });

  const register = (args: string[], env: Record<string, string> = {}) => {
    // As on a fresh production install: ScaiKey's URL known, no credentials yet.
    const { SCAIKEY_CLIENT_ID: _i, SCAIKEY_CLIENT_SECRET: _s, ...rest } = process.env;
    return startScaidns(['register-scaikey', '--poll-interval', '0.1', ...args], {
      ...rest,
      ENVIRONMENT: 'production',
      SCAIKEY_URL: standIn.url,
      SCAIKEY_APPLICATION_ID: '',
      SCAIKEY_WEBHOOK_SECRET: '',
      ENV_FILE: envFile,
      ...env,
    });
  };

  it('files the request, shows its status while it waits, then writes the credentials in place', async () => {
    const before = standIn.registrations.length;
    const run = register(['--public-url', 'https://dns.example.test/']);
    await waitFor(
      () => /PENDING/.test(run.output()),
      15_000,
      `a PENDING line in:\n${run.output()}`,
    );
    const request = standIn.registrations[before];
    expect(request.request).toMatchObject({
      name: 'ScaiDNS',
      type: 'GLOBAL',
      redirect_uris: ['https://dns.example.test/oauth/callback'],
      scopes: ['openid', 'profile', 'email'],
      webhook_url: 'https://dns.example.test/api/v1/webhooks/scaikey',
      webhook_events: expect.arrayContaining(['user.deleted', 'group.member_added']),
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(request.polls).toBeGreaterThan(1);
    const approved = standIn.approve(request.request_id);

    const { code, out } = await run.done;
    expect(code).toBe(0);
    expect(out).toContain(`request ${request.request_id}: APPROVED`);
    expect(out).toContain('redirect URI:     https://dns.example.test/oauth/callback');
    expect(out).toContain('post-logout URI:  https://dns.example.test/');
    expect(out).toContain('webhook URL:      https://dns.example.test/api/v1/webhooks/scaikey');

    const text = await readFile(envFile, 'utf8');
    const lines = text.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      '# ScaiDNS settings',
      'DATABASE_URL=mysql://scaidns:secret@127.0.0.1:3306/scaidns',
      `SCAIKEY_CLIENT_ID=${approved.application?.client_id}`,
      '',
      'PORT=8000',
    ]);
    expect(parse(text)).toEqual({
      DATABASE_URL: 'mysql://scaidns:secret@127.0.0.1:3306/scaidns',
      PORT: '8000',
      SCAIKEY_CLIENT_ID: approved.application?.client_id,
      SCAIKEY_CLIENT_SECRET: approved.application?.client_secret,
      SCAIKEY_APPLICATION_ID: approved.application?.id,
      SCAIKEY_WEBHOOK_SECRET: approved.webhook_secret,
    });
    expect((await stat(envFile)).mode & 0o777).toBe(0o600);
  });

  it('exits non-zero with the reason when ScaiKey rejects it, leaving .env alone', async () => {
    const before = standIn.registrations.length;
    const run = register(['--public-url', 'https://dns.example.test']);
    await waitFor(() => standIn.registrations.length > before, 15_000, 'the request');
    await waitFor(() => /PENDING/.test(run.output()), 15_000, 'a PENDING line');
    standIn.reject(standIn.registrations[before].request_id, 'unknown organisation');
    const { code, out } = await run.done;
    expect(code).toBe(1);
    expect(out).toMatch(/scaidns: ScaiKey rejected registration reg_\w+: unknown organisation/);
    expect(await readFile(envFile, 'utf8')).toBe(`${ORIGINAL}\n`);
  });

  it('gives up after --timeout, saying nothing was written', async () => {
    const { code, out } = await register([
      '--public-url',
      'https://dns.example.test',
      '--timeout',
      '0.5',
    ]).done;
    expect(code).toBe(1);
    expect(out).toMatch(/is still pending; nothing was written/);
    expect(await readFile(envFile, 'utf8')).toBe(`${ORIGINAL}\n`);
  });
});
