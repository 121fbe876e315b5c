import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApiKey,
  AuditLog,
  buildDataSourceOptions,
  parseDatabaseUrl,
  RoleAssignment,
  SYSTEM_ROLE_IDS,
  Tenant,
  User,
} from '@app/core';
import { apiKeyMatches } from '@app/identity';
import { DataSource } from 'typeorm';

const ROOT = join(__dirname, '..');

/** Runs the built CLI (npm run build) as an operator would. */
function scaidns(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/scaidns'), ...args], {
    cwd: ROOT,
    env: { ...env, ENV_FILE: '/dev/null' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

describe('scaidns CLI (e2e)', () => {
  it('migrate reports an up-to-date schema on the migrated test database', () => {
    const { code, out } = scaidns(['migrate']);
    expect(out).toContain('Database schema is up to date.');
    expect(code).toBe(0);
  });

  it('doctor prints one line per value and dependency, secrets hidden', () => {
    const { code, out } = scaidns(['doctor']);
    expect(out).toMatch(/\[ ok \] database\s+connected to 127\.0\.0\.1:3306\/scaidns_test/);
    expect(out).toMatch(/\[ ok \] migrations\s+schema up to date/);
    expect(out).toMatch(/\[ ok \] redis\s+reachable/);
    expect(out).toMatch(
      /\[ ok \] pdns\s+reachable at http:\/\/127\.0\.0\.1:8081\/? \(PowerDNS 4\./,
    );
    expect(out).toMatch(/\[(skip|ok)\] scaikey_jwks/);
    expect(out).toMatch(/\[( ok |warn)\] worker/);
    expect(out).toMatch(/\[ ok \] PDNS_API_KEY\s+\(set, \d+ characters\)/);
    expect(out).toMatch(/\[ ok \] PORT\s+/);
    expect(out).not.toContain(process.env.PDNS_API_KEY);
    expect(out).not.toContain(new URL(process.env.DATABASE_URL ?? '').password || '\u0000');
    expect(code).toBe(0);
  });

  it('doctor says which settings have no effect yet instead of calling them ok', () => {
    const { out } = scaidns(['doctor']);
    expect(out).toMatch(/\[note\] REDIS_MAX_CONNECTIONS\s+\S+.*: no effect yet \(/);
    expect(out).not.toMatch(/\[ ok \] REDIS_MAX_CONNECTIONS/);
    // Served since metrics landed: no note any more.
    expect(out).toMatch(/\[ ok \] METRICS_ENABLED/);
  });

  it('--help exits 0 and prints only the help; required flags are marked', () => {
    const help = scaidns(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: scaidns \[options\] \[command\]/);
    expect(help.out).not.toContain('outputHelp');
    const sub = scaidns(['create-api-key', '--help']);
    expect(sub.code).toBe(0);
    expect(sub.out).toMatch(/--user-email <email>\s+\(required\)/);
    expect(sub.out).toMatch(/--name <name>\s+\(required\)/);
  });

  it('--version prints the package version and the commit', () => {
    const { code, out } = scaidns(['--version']);
    expect(code).toBe(0);
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+ \(commit ([0-9a-f]{12}|unknown)\)$/);
    expect(out.trim().startsWith(`${version} `)).toBe(true);
  });

  it('reports an unknown command or a missing required flag once, exit 1', () => {
    const unknown = scaidns(['bogus']);
    expect(unknown.code).toBe(1);
    expect(unknown.out.match(/unknown command 'bogus'/g)).toHaveLength(1);
    const missing = scaidns(['create-api-key', '--name', 'x']);
    expect(missing.code).toBe(1);
    expect(missing.out.match(/required option '--user-email <email>' not specified/g)).toHaveLength(
      1,
    );
  });

  it('doctor fails, naming the broken dependency', () => {
    const { code, out } = scaidns(['doctor'], {
      ...process.env,
      PDNS_API_URL: 'http://127.0.0.1:1',
    });
    expect(out).toMatch(/\[FAIL\] pdns\s+http:\/\/127\.0\.0\.1:1\/?: PowerDNS is unavailable/);
    expect(out).toMatch(/1 check\(s\) failed/);
    expect(code).toBe(1);
  });

  it('refuses to run with invalid configuration, naming each variable', () => {
    const { code, out } = scaidns(['doctor'], { ...process.env, REDIS_URL: 'nope', PORT: '0' });
    expect(out).toMatch(/REDIS_URL is not a URL/);
    expect(out).toMatch(/PORT must be at least 1/);
    expect(code).toBe(1);
  });

  describe('bootstrap commands', () => {
    let ds: DataSource;
    let user: User;

    beforeAll(async () => {
      const db = parseDatabaseUrl(process.env.DATABASE_URL ?? '');
      if (typeof db === 'string') throw new Error(db);
      ds = await new DataSource(buildDataSourceOptions(db, 2)).initialize();
      const tenant = await ds
        .getRepository(Tenant)
        .save(
          ds
            .getRepository(Tenant)
            .create({ scaikeyId: `tnt_${randomUUID()}`, name: 'cli tenant', status: 'active' }),
        );
      user = await ds.getRepository(User).save(
        ds.getRepository(User).create({
          scaikeyId: `usr_${randomUUID()}`,
          tenantId: tenant.id,
          email: `cli-${randomUUID()}@example.test`,
          status: 'active',
        }),
      );
    });

    afterAll(async () => {
      await ds.destroy();
    });

    it('assign-admin refuses an unknown email, pointing at sync', () => {
      const { code, out } = scaidns(['assign-admin', '--user-email', 'nobody@example.test']);
      expect(out).toMatch(/no user with email nobody@example.test .*scaidns sync.*sign in once/);
      expect(code).toBe(1);
    });

    it('assign-admin makes a known user platform_admin, once, audited as the system', async () => {
      const first = scaidns(['assign-admin', '--user-email', user.email.toUpperCase()]);
      expect(first.out).toMatch(/platform_admin assigned to/);
      expect(first.code).toBe(0);
      const again = scaidns(['assign-admin', '--user-email', user.email]);
      expect(again.out).toMatch(/already platform_admin/);
      const rows = await ds.getRepository(RoleAssignment).find({ where: { principalId: user.id } });
      expect(rows).toEqual([
        expect.objectContaining({
          roleId: SYSTEM_ROLE_IDS.platform_admin,
          scopeType: 'platform',
          scopeId: null,
        }),
      ]);
      const audit = await ds.getRepository(AuditLog).find({ where: { resourceId: rows[0].id } });
      expect(audit).toEqual([
        expect.objectContaining({ action: 'role.assign', actorType: 'system' }),
      ]);
    });

    it('create-api-key prints a working secret once', async () => {
      const { code, out } = scaidns([
        'create-api-key',
        '--user-email',
        user.email,
        '--name',
        'bootstrap',
        '--scopes',
        'domains:read',
      ]);
      expect(code).toBe(0);
      const secret = /^(sdk_live_[0-9A-Za-z]{43})$/m.exec(out)?.[1];
      expect(secret).toBeDefined();
      const key = await ds
        .getRepository(ApiKey)
        .findOneByOrFail({ userId: user.id, name: 'bootstrap' });
      expect(key.scopes).toEqual(['domains:read']);
      expect(apiKeyMatches(secret ?? '', key.keyHash, process.env.API_KEY_PEPPER ?? '')).toBe(true);
    });
  });
});
