import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase } from './support/global-setup';
import { alive, descendants, freePort, run, type Running, until } from './support/processes';
import { isolatedRedisUrl } from './support/redis';

const ROOT = join(__dirname, '..');

/** The README's "First zone" commands: the bash block between its first-zone markers, verbatim. */
function readmeCommands(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const found = /<!-- first-zone:begin -->\s*```bash\n([\s\S]*?)```\s*<!-- first-zone:end -->/.exec(
    readme,
  );
  if (!found) throw new Error('README.md has no first-zone block');
  return found[1];
}

/** `export NAME=value` lines of a credentials file. */
function credentials(file: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^export (\w+)=(.*)$/.exec(line);
    if (m) values[m[1]] = m[2];
  }
  return values;
}

/**
 * The first five minutes: in development with SCAIKEY_URL empty, `npm start` runs the ScaiKey
 * stand-in, signs in a dev user who may create active zones and hands out a token and an API key;
 * the README's three "First zone" commands then get a record answered by PowerDNS.
 */
describe('npm start in development: the README first zone (e2e)', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const running: Running[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scaidns-first-zone-'));
    const inherited = { ...process.env };
    delete inherited.NODE_PATH;
    // A database and a Redis database of its own: the suites that sync identities against their
    // own ScaiKey stand-in deactivate every user it does not list (the dev user among them), and
    // jobs other suites left queued must not run in the worker npm start starts.
    const database = new URL(process.env.DATABASE_URL ?? '');
    database.pathname = '/scaidns_first_zone';
    await freshDatabase(database.toString());
    env = {
      ...inherited,
      DATABASE_URL: database.toString(),
      REDIS_URL: await isolatedRedisUrl(7),
      NODE_ENV: 'development',
      ENVIRONMENT: 'development',
      SCAIKEY_URL: '',
      ENV_FILE: '/dev/null',
      LOG_LEVEL: 'INFO',
      SCAIDNS_STATE_DIR: join(dir, '.state'),
    };
  });

  afterAll(async () => {
    // SIGTERM first: npm start forwards it to the apps and the stand-in (SIGKILL would orphan them).
    await Promise.all(
      running
        .filter((r) => r.child.exitCode === null)
        .map(async (r) => {
          r.child.kill('SIGTERM');
          const timer = setTimeout(() => r.child.kill('SIGKILL'), 20_000);
          await r.exited;
          clearTimeout(timer);
        }),
    );
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints a token and an API key, and the README commands make a zone whose record dig answers; SIGTERM stops everything', async () => {
    const port = String(await freePort());
    const npm = run(['npm', 'start'], ROOT, { ...env, PORT: port });
    running.push(npm);
    const file = join(dir, '.state', 'dev-credentials.env');
    await until(
      'npm start to write and print the dev credentials',
      () => existsSync(file) && /start: both are in /.test(npm.output()),
      120_000,
    ).catch((error: Error) => {
      // What npm start printed says where it stopped (without the API's route listing).
      const said = npm
        .output()
        .split('\n')
        .filter((line) => !/"context":"(RouterExplorer|RoutesResolver|InstanceLoader)"/.test(line))
        .join('\n');
      throw new Error(`${error.message}; npm start printed:\n${said.slice(-6000)}`);
    });

    expect(npm.output()).toMatch(/Authorization: Bearer [\w-]+\.[\w-]+\.[\w-]+/);
    expect(npm.output()).toMatch(/X-API-Key: sdk_live_/);
    const creds = credentials(file);
    expect(creds.SCAIDNS_URL).toBe(`http://127.0.0.1:${port}/api/v1`);
    expect(npm.output()).toContain(creds.SCAIDNS_TOKEN);
    expect(npm.output()).toContain(creds.SCAIDNS_API_KEY);

    // The token is the dev user's, who is platform_admin with validation bypass.
    const me = (await (
      await fetch(`${creds.SCAIDNS_URL}/auth/me`, {
        headers: { Authorization: `Bearer ${creds.SCAIDNS_TOKEN}` },
      })
    ).json()) as { email?: string; user?: { email?: string } };
    expect(me.user?.email ?? me.email).toBe('dev@scaidns.local');
    const check = await fetch(`${creds.SCAIDNS_URL}/me/permissions/check`, {
      method: 'POST',
      headers: { 'X-API-Key': creds.SCAIDNS_API_KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify({ permission: 'domains:validation_bypass' }),
    });
    expect(await check.json()).toMatchObject({ allowed: true });
    // Both the admin role and the key were given through the audited paths.
    const audit = (await (
      await fetch(`${creds.SCAIDNS_URL}/audit-logs?page_size=100`, {
        headers: { Authorization: `Bearer ${creds.SCAIDNS_TOKEN}` },
      })
    ).json()) as { data: { action: string }[] };
    const actions = audit.data.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['role.assign', 'api_key.create']));
    // The web UI's "Sign in with ScaiKey" at this port: the stand-in takes its callback and sends a code.
    const config = (await (await fetch(`${creds.SCAIDNS_URL}/auth/config`)).json()) as {
      authorization_endpoint: string;
      client_id: string;
    };
    const callback = `http://127.0.0.1:${port}/oauth/callback`;
    const authorize = new URL(config.authorization_endpoint);
    for (const [k, v] of Object.entries({
      response_type: 'code',
      client_id: config.client_id,
      redirect_uri: callback,
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      state: 'first-zone',
    })) {
      authorize.searchParams.set(k, v);
    }
    const signIn = await fetch(authorize, { redirect: 'manual' });
    expect(signIn.status).toBe(302);
    expect(signIn.headers.get('location')).toMatch(new RegExp(`^${callback}\\?code=`));

    // Exactly the README's commands, pasted into one shell in a directory holding .state/.
    const zone = `first-${Date.now().toString(36)}.example.test`;
    // A fresh terminal: nothing of the test's environment but PATH and HOME.
    const shell = run(['bash', '-c', readmeCommands()], dir, {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ZONE: zone,
    });
    const code = await shell.exited;
    const out = shell.output();
    try {
      expect(code).toBe(0);
      expect(out.trim().split('\n').at(-1)).toBe('192.0.2.10');
    } finally {
      // The zone leaves the shared PowerDNS.
      const list = (await (
        await fetch(`${creds.SCAIDNS_URL}/domains/?search=${zone}`, {
          headers: { 'X-API-Key': creds.SCAIDNS_API_KEY },
        })
      ).json()) as { data?: { id: string; name: string }[] };
      for (const d of list.data ?? []) {
        await fetch(`${creds.SCAIDNS_URL}/domains/${d.id}?hard=true`, {
          method: 'DELETE',
          headers: { 'X-API-Key': creds.SCAIDNS_API_KEY },
        });
      }
    }

    // The API, the worker and the stand-in all stop on SIGTERM.
    const pids = descendants(npm.child.pid ?? 0);
    expect(pids.length).toBeGreaterThanOrEqual(3);
    npm.child.kill('SIGTERM');
    await npm.exited;
    await until(
      'every process npm started to exit',
      () => pids.every((pid) => !alive(pid)),
      20_000,
    );
  }, 240_000);

  it('a second npm start signs in again with a new token and keeps the API key', async () => {
    const file = join(dir, '.state', 'dev-credentials.env');
    const before = credentials(file);
    const port = String(await freePort());
    const npm = run(['npm', 'start'], ROOT, { ...env, PORT: port });
    running.push(npm);
    await until(
      'npm start to rewrite the dev credentials',
      () => credentials(file).SCAIDNS_URL === `http://127.0.0.1:${port}/api/v1`,
      120_000,
    );
    const after = credentials(file);
    expect(npm.output()).toContain('keeping the dev API key');
    expect(after.SCAIDNS_API_KEY).toBe(before.SCAIDNS_API_KEY);
    expect(after.SCAIDNS_TOKEN).not.toBe(before.SCAIDNS_TOKEN);
    for (const headers of <Record<string, string>[]>[
      { 'X-API-Key': after.SCAIDNS_API_KEY },
      { Authorization: `Bearer ${after.SCAIDNS_TOKEN}` },
    ]) {
      expect((await fetch(`${after.SCAIDNS_URL}/auth/me`, { headers })).status).toBe(200);
    }
    npm.child.kill('SIGTERM');
    expect(await npm.exited).toBe(0);
  }, 180_000);

  it('never in production: no stand-in, no credentials, the missing SCAIKEY_URL refused', async () => {
    const state = join(dir, 'production-state');
    const npm = run(['npm', 'start'], ROOT, {
      ...env,
      ENVIRONMENT: 'production',
      SCAIDNS_STATE_DIR: state,
      PORT: String(await freePort()),
    });
    running.push(npm);
    const code = await npm.exited;
    expect(code).not.toBe(0);
    expect(npm.output()).not.toMatch(/ScaiKey stand-in/);
    expect(existsSync(join(state, 'dev-credentials.env'))).toBe(false);
  }, 120_000);
});
