import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alive, descendants, freePort, run, type Running, stop, until } from './support/processes';
import { createScaiKeyStandIn, type ScaiKeyStandIn } from './support/scaikey';

const ROOT = join(__dirname, '..');
const UNITS = join(ROOT, 'deploy', 'systemd');
const INSTALL_DIR = '/opt/scaidns';

interface Unit {
  readonly file: string;
  readonly sections: Record<string, Record<string, string>>;
}

/** A systemd unit file's `[Section] Key=Value` lines (continuations and repeated keys are not used here). */
function parseUnit(file: string): Unit {
  const sections: Record<string, Record<string, string>> = {};
  let current: Record<string, string> | undefined;
  for (const raw of readFileSync(join(UNITS, file), 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      current = sections[header[1]] = {};
      continue;
    }
    const eq = line.indexOf('=');
    if (!current || eq < 0) throw new Error(`${file}: unexpected line ${line}`);
    current[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return { file, sections };
}

/** The unit's command, run from a production install at `dir` instead of /opt/scaidns. */
function command(unit: Unit, dir: string): { argv: string[]; cwd: string } {
  const service = unit.sections.Service;
  const argv = service.ExecStart.split(/\s+/).map((part) =>
    part === '/usr/bin/node' ? process.execPath : part.replace(INSTALL_DIR, dir),
  );
  return { argv, cwd: service.WorkingDirectory.replace(INSTALL_DIR, dir) };
}

/**
 * The deploy/ files, exercised as an operator would use them: a production-only install
 * (`npm ci --omit=dev` beside the built dist/), and each systemd unit's ExecStart run from it
 * against the real MariaDB, Redis and PowerDNS.
 */
describe('deploy: production install and systemd units (e2e)', () => {
  let dir: string;
  let standIn: ScaiKeyStandIn;
  let env: NodeJS.ProcessEnv;
  const running: Running[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scaidns-prod-'));
    for (const entry of ['package.json', 'package-lock.json', 'bin', 'dist']) {
      cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
    }
    execFileSync(
      'npm',
      ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'],
      { cwd: dir, stdio: 'pipe', timeout: 240_000 },
    );
    standIn = createScaiKeyStandIn({ seedDevUser: false });
    await standIn.start();
    const inherited = { ...process.env };
    delete inherited.NODE_PATH;
    env = {
      ...inherited,
      NODE_ENV: 'production',
      // text logs go through pino-pretty: the production install must carry it.
      LOG_FORMAT: 'text',
      LOG_LEVEL: 'INFO',
      ENV_FILE: '/dev/null',
      PORT: String(await freePort()),
    };
  }, 300_000);

  afterAll(async () => {
    await Promise.all(running.filter((r) => r.child.exitCode === null).map((r) => stop(r)));
    await standIn?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the production install holds no dev dependency', () => {
    const modules = readdirSync(join(dir, 'node_modules'));
    for (const dev of ['jest', 'eslint', '@redocly', 'supertest', 'dependency-cruiser']) {
      expect(modules).not.toContain(dev);
    }
    expect(readdirSync(join(dir, 'node_modules', '@nestjs'))).not.toContain('cli');
    expect(modules).toContain('pino-pretty');
  });

  it('scaidns-api.service starts the API, which answers and stops cleanly on SIGTERM', async () => {
    const unit = parseUnit('scaidns-api.service');
    expect(unit.sections.Service.EnvironmentFile).toBe(`${INSTALL_DIR}/.env`);
    const { argv, cwd } = command(unit, dir);
    const api = run(argv, cwd, env);
    running.push(api);
    const base = `http://127.0.0.1:${env.PORT}/api/v1`;
    await until('the API to answer', async () => (await fetch(`${base}/health/ready`)).ok, 60_000);
    const version = (await (await fetch(`${base}/version`)).json()) as Record<string, string>;
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version.version).toBe(pkg.version);
    expect(version.commit).toMatch(/^([0-9a-f]{40}|unknown)$/);
    // LOG_FORMAT=text: pino-pretty's lines, from the production install's own pino-pretty.
    await until('the start-up log line', () =>
      /INFO \(scaidns-api\): ScaiDNS API listening/.test(api.output()),
    );
    expect(await stop(api)).toBe(0);
  }, 90_000);

  it('scaidns-worker.service starts the worker, which stops cleanly on SIGTERM', async () => {
    const { argv, cwd } = command(parseUnit('scaidns-worker.service'), dir);
    const worker = run(argv, cwd, env);
    running.push(worker);
    await until(
      'the worker to be ready',
      () => /ScaiDNS worker ready/.test(worker.output()),
      60_000,
    );
    expect(await stop(worker)).toBe(0);
  }, 90_000);

  it('scaidns-sync.service runs one sync from ScaiKey; its timer starts it', async () => {
    const timer = parseUnit('scaidns-sync.timer');
    expect(timer.sections.Timer.OnUnitActiveSec).toBeTruthy();
    expect(timer.sections.Timer.Unit ?? 'scaidns-sync.service').toBe('scaidns-sync.service');
    const unit = parseUnit('scaidns-sync.service');
    expect(unit.sections.Service.Type).toBe('oneshot');
    const { argv, cwd } = command(unit, dir);
    const sync = run(argv, cwd, { ...env, ...standIn.env() });
    running.push(sync);
    const code = await sync.exited;
    expect(sync.output()).toMatch(/Syncing from ScaiKey at/);
    expect(code).toBe(0);
  }, 90_000);

  it('npm start forwards SIGTERM: the API, the worker and the ScaiKey stand-in all stop', async () => {
    const port = String(await freePort());
    // Development with SCAIKEY_URL empty: npm start runs the ScaiKey stand-in too (its files go to dir).
    const npm = run(['npm', 'start'], ROOT, {
      ...env,
      NODE_ENV: 'development',
      ENVIRONMENT: 'development',
      SCAIKEY_URL: '',
      SCAIDNS_STATE_DIR: join(dir, '.state'),
      PORT: port,
    });
    running.push(npm);
    const base = `http://127.0.0.1:${port}/api/v1`;
    await until('npm start to serve', async () => (await fetch(`${base}/health/live`)).ok, 60_000);
    await until('the stand-in to listen', () => /ScaiKey stand-in listening/.test(npm.output()));
    const pids = descendants(npm.child.pid ?? 0);
    expect(pids.length).toBeGreaterThanOrEqual(3);
    npm.child.kill('SIGTERM');
    await npm.exited;
    await until(
      'every process npm started to exit',
      () => pids.every((pid) => !alive(pid)),
      20_000,
    );
  }, 90_000);
});
