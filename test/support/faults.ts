import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { freePort } from './processes';

/**
 * Private MariaDB and PowerDNS instances for fault tests: started on spare ports from a temporary
 * directory, and killed, frozen or restarted by their own PID only — never the shared services the
 * other suites use.
 */

const REPO = join(__dirname, '../..');

async function waitFor(what: string, ready: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not come up within ${timeoutMs} ms`);
}

/** One server process we own: started by `launch`, signalled by PID. */
abstract class OwnedProcess {
  protected child: ChildProcess | null = null;

  get pid(): number {
    return this.child?.pid ?? 0;
  }

  /** SIGKILL, as a crash: the process gets no chance to finish anything. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(this.pid, 'SIGKILL');
    await exited;
    this.child = null;
  }

  /** SIGSTOP: the process keeps its sockets but answers nothing. */
  freeze(): void {
    if (this.child) process.kill(this.pid, 'SIGSTOP');
  }

  thaw(): void {
    if (this.child) process.kill(this.pid, 'SIGCONT');
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.launch();
  }

  protected abstract launch(): Promise<void>;
}

/**
 * A MariaDB server of its own (its datadir in a temporary directory, grant tables skipped: any user
 * and password get in), for the application database of a fault test.
 */
export class PrivateMariaDb extends OwnedProcess {
  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {
    super();
  }

  static async start(): Promise<PrivateMariaDb> {
    const dir = mkdtempSync(join(tmpdir(), 'scaidns-mariadb-'));
    const install = spawnSync(
      'mariadb-install-db',
      [
        '--no-defaults',
        `--datadir=${join(dir, 'data')}`,
        '--user=root',
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
      ],
      { encoding: 'utf8' },
    );
    if (install.status !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr}`);
    const db = new PrivateMariaDb(dir, await freePort());
    await db.launch();
    return db;
  }

  /** A DATABASE_URL for `database` on this server. */
  url(database: string): string {
    return `mysql://scaidns:unused@127.0.0.1:${this.port}/${database}`;
  }

  async createDatabase(name: string): Promise<void> {
    const conn = await createConnection({ host: '127.0.0.1', port: this.port, user: 'root' });
    try {
      await conn.query(
        `CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
    } finally {
      await conn.end();
    }
  }

  async stop(): Promise<void> {
    this.thaw();
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }

  protected async launch(): Promise<void> {
    this.child = spawn(
      'mariadbd',
      [
        '--no-defaults',
        `--datadir=${join(this.dir, 'data')}`,
        '--user=root',
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(this.dir, 'mariadb.sock')}`,
        `--pid-file=${join(this.dir, 'mariadb.pid')}`,
        '--skip-grant-tables',
        '--innodb-buffer-pool-size=32M',
        '--max-connections=200',
      ],
      { stdio: 'ignore' },
    );
    await waitFor(`private MariaDB on ${this.port}`, async () => {
      const conn = await createConnection({ host: '127.0.0.1', port: this.port, user: 'root' });
      await conn.end();
      return true;
    });
  }
}

/**
 * A PowerDNS server of its own, on spare DNS and API ports, on the same backend database as the
 * shared one (zones are the test's own, so nothing clashes).
 */
export class PrivatePdns extends OwnedProcess {
  readonly apiKey = randomBytes(16).toString('hex');

  private constructor(
    private readonly dir: string,
    readonly dnsPort: number,
    readonly apiPort: number,
  ) {
    super();
  }

  static async start(): Promise<PrivatePdns> {
    const shared = readFileSync(join(REPO, '.state/pdns/pdns.conf'), 'utf8');
    const backend = shared
      .split('\n')
      .filter((line) => /^(launch|gmysql-[a-z]+)=/.test(line))
      .join('\n');
    const dir = mkdtempSync(join(tmpdir(), 'scaidns-pdns-'));
    mkdirSync(dir, { recursive: true });
    const pdns = new PrivatePdns(dir, await freePort(), await freePort());
    writeFileSync(
      join(dir, 'pdns.conf'),
      [
        backend,
        'daemon=no',
        'guardian=no',
        'disable-syslog=yes',
        'write-pid=no',
        `socket-dir=${dir}`,
        'local-address=127.0.0.1',
        `local-port=${pdns.dnsPort}`,
        'api=yes',
        `api-key=${pdns.apiKey}`,
        'webserver=yes',
        'webserver-address=127.0.0.1',
        `webserver-port=${pdns.apiPort}`,
        'webserver-allow-from=127.0.0.0/8',
        'webserver-max-bodysize=64',
        'default-api-rectify=no',
        'cache-ttl=0',
        'query-cache-ttl=0',
        'negquery-cache-ttl=0',
        'security-poll-suffix=',
        '',
      ].join('\n'),
    );
    await pdns.launch();
    return pdns;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.apiPort}`;
  }

  async stop(): Promise<void> {
    this.thaw();
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }

  protected async launch(): Promise<void> {
    this.child = spawn('pdns_server', [`--config-dir=${this.dir}`], { stdio: 'ignore' });
    await waitFor(`private PowerDNS on ${this.apiPort}`, async () => {
      const res = await fetch(`${this.apiUrl}/api/v1/servers/localhost`, {
        headers: { 'x-api-key': this.apiKey },
      });
      return res.status === 200;
    });
  }
}

/** What an HttpFaultProxy does with one request. */
export type ProxyAction = 'pass' | 'drop-request' | 'drop-response';

/**
 * An HTTP proxy in front of a server (PowerDNS's API) that can lose a request before it arrives or
 * its answer after the server has acted on it — the ambiguous failures a crash or a network cut
 * makes, on cue. `rule` decides per request; `beforeAnswer` runs once the server has answered and
 * before the answer is passed on (to kill something at exactly that moment).
 */
export class HttpFaultProxy {
  rule: (method: string, path: string) => ProxyAction = () => 'pass';
  beforeAnswer: ((method: string, path: string) => Promise<void>) | null = null;
  /** Every request's socket is cut at once: the server looks gone, though it runs. */
  away = false;

  private constructor(
    private readonly server: import('node:http').Server,
    readonly port: number,
  ) {}

  static async start(targetPort: number): Promise<HttpFaultProxy> {
    const http = await import('node:http');
    const port = await freePort();
    let proxy: HttpFaultProxy | null = null;
    const server = http.createServer((req, res) => {
      const self = proxy as HttpFaultProxy;
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      const action = self.away ? 'drop-request' : self.rule(method, path);
      if (action === 'drop-request') {
        req.socket.destroy();
        return;
      }
      const upstream = http.request(
        { host: '127.0.0.1', port: targetPort, method, path, headers: req.headers },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (c: Buffer) => chunks.push(c));
          answer.on('end', () => {
            void (async () => {
              if (self.beforeAnswer) await self.beforeAnswer(method, path);
              if (action === 'drop-response' || self.away) {
                req.socket.destroy();
                return;
              }
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              res.end(Buffer.concat(chunks));
            })();
          });
        },
      );
      upstream.on('error', () => req.socket.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    proxy = new HttpFaultProxy(server, port);
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Applies `action` to the next `count` requests matching `method` (then passes everything). */
  once(method: string, action: ProxyAction, count = 1): void {
    let left = count;
    this.rule = (m) => {
      if (m !== method || left === 0) return 'pass';
      left -= 1;
      return action;
    };
  }

  reset(): void {
    this.rule = () => 'pass';
    this.beforeAnswer = null;
    this.away = false;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }
}

/** A Redis server of its own, on a spare port, keeping nothing on disk (a restart comes back empty). */
export class PrivateRedis extends OwnedProcess {
  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {
    super();
  }

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(mkdtempSync(join(tmpdir(), 'scaidns-redis-')), await freePort());
    await redis.launch();
    return redis;
  }

  url(db = 0): string {
    return `redis://127.0.0.1:${this.port}/${db}`;
  }

  async stop(): Promise<void> {
    this.thaw();
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }

  protected async launch(): Promise<void> {
    this.child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        this.dir,
      ],
      { stdio: 'ignore' },
    );
    await waitFor(`private Redis on ${this.port}`, async () => {
      const { createConnection: connect } = await import('node:net');
      return new Promise<boolean>((resolve) => {
        const socket = connect(this.port, '127.0.0.1');
        socket.once('data', (d) => {
          socket.destroy();
          resolve(d.toString().startsWith('+PONG'));
        });
        socket.once('error', () => resolve(false));
        socket.write('PING\r\n');
      });
    });
  }
}
