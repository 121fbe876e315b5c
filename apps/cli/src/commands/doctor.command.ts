import { InjectQueue } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type AppConfig,
  checkRedis,
  type CheckResult,
  ENV_SCHEMA,
  errorMessage,
  InjectConfig,
  InjectRedis,
  JobName,
  SCAIDNS_QUEUE,
  waitForJobResult,
  withTimeout,
} from '@app/core';
import { checkPrimarySettings, SecondaryMonitor } from '@app/domains';
import { ScaiKeyClient } from '@app/identity';
import { PdnsClient } from '@app/pdns-client';
import { ZoneCatalog } from '@app/zones';
import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { Command, CommandRunner } from 'nest-commander';
import type { DataSource } from 'typeorm';

const TIMEOUT_MS = 3000;
const MARK: Record<Line['status'], string> = {
  ok: '[ ok ]',
  error: '[FAIL]',
  skipped: '[skip]',
  warn: '[warn]',
  note: '[note]',
};

type Line = { name: string; status: CheckResult['status'] | 'warn' | 'note'; message: string };

/** Shows a configured value with secrets and passwords hidden. */
function displayValue(name: string, raw: string | undefined, secret: boolean): string {
  if (raw === undefined || raw === '') return '(not set)';
  if (secret) return `(set, ${raw.length} characters)`;
  if (name.endsWith('_URL')) {
    try {
      const url = new URL(raw);
      if (url.password) url.password = '***';
      return url.toString();
    } catch {
      return raw;
    }
  }
  return raw;
}

@Command({
  name: 'doctor',
  description: 'Check every configuration value and dependency; one line per check',
})
export class DoctorCommand extends CommandRunner {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRedis() private readonly redis: Redis,
    @InjectQueue(SCAIDNS_QUEUE) private readonly queue: Queue,
    private readonly pdns: PdnsClient,
    private readonly scaikey: ScaiKeyClient,
    private readonly catalog: ZoneCatalog,
    private readonly secondaries: SecondaryMonitor,
  ) {
    super();
  }

  async run(): Promise<void> {
    const lines: Line[] = [...this.configLines()];
    lines.push(...(await this.databaseLines()));
    lines.push(
      this.toLine('redis', await checkRedis(this.redis, TIMEOUT_MS), this.config.redis.url),
    );
    lines.push(
      this.toLine('pdns', await this.pdns.healthCheck(TIMEOUT_MS), this.config.pdns.apiUrl),
    );
    lines.push(
      this.toLine('scaikey_jwks', await this.scaikey.healthCheck(), this.config.scaikey.url),
    );
    lines.push(await this.workerLine());
    lines.push(...(await this.secondaryLines()));

    const width = Math.max(...lines.map((l) => l.name.length));
    for (const line of lines) {
      console.log(`${MARK[line.status]} ${line.name.padEnd(width)}  ${line.message}`);
    }
    const failed = lines.filter((l) => l.status === 'error').length;
    const warned = lines.filter((l) => l.status === 'warn').length;
    console.log(
      failed
        ? `${failed} check(s) failed, ${warned} warning(s).`
        : `All checks passed, ${warned} warning(s).`,
    );
    if (failed) process.exitCode = 1;
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.queue.close();
  }

  private configLines(): Line[] {
    return ENV_SCHEMA.map((spec) => {
      const raw = process.env[spec.name];
      const isDefault = raw === undefined || raw.trim() === '';
      const shown = displayValue(spec.name, isDefault ? spec.default : raw, spec.kind === 'secret');
      const message = isDefault && spec.default !== undefined ? `${shown} (default)` : shown;
      if (spec.noEffectYet) {
        return {
          name: spec.name,
          status: 'note',
          message: `${message}: no effect yet (${spec.noEffectYet})`,
        };
      }
      return { name: spec.name, status: 'ok', message };
    });
  }

  private async databaseLines(): Promise<Line[]> {
    const where = `${this.config.database.host}:${this.config.database.port}/${this.config.database.database}`;
    try {
      if (!this.dataSource.isInitialized) {
        await withTimeout(this.dataSource.initialize(), TIMEOUT_MS * 2, 'MariaDB');
      }
      const [{ tz_offset: offset }] = await this.dataSource.query<{ tz_offset: string }[]>(
        'SELECT TIMEDIFF(NOW(), UTC_TIMESTAMP()) AS tz_offset',
      );
      const pending = await this.dataSource.showMigrations();
      return [
        { name: 'database', status: 'ok', message: `connected to ${where}` },
        {
          name: 'migrations',
          status: pending ? 'warn' : 'ok',
          message: pending ? 'pending migrations: run `scaidns migrate`' : 'schema up to date',
        },
        {
          name: 'database_timezone',
          status: String(offset).startsWith('00:00:00') ? 'ok' : 'warn',
          message: String(offset).startsWith('00:00:00')
            ? 'session time zone is UTC'
            : `session time zone is UTC${String(offset)}; run MariaDB with default_time_zone='+00:00'`,
        },
      ];
    } catch (error) {
      return [{ name: 'database', status: 'error', message: `${where}: ${errorMessage(error)}` }];
    }
  }

  /** Enqueues a ping job and waits for a worker to answer it. */
  private async workerLine(): Promise<Line> {
    try {
      const job = await withTimeout(
        this.queue.add(
          JobName.Ping,
          { requestedAt: new Date().toISOString() },
          { removeOnComplete: { age: 60 }, removeOnFail: { age: 60 } },
        ),
        TIMEOUT_MS,
        'Redis',
      );
      const result = (await waitForJobResult(this.queue, job.id ?? '', 5000)) as { pid: number };
      return { name: 'worker', status: 'ok', message: `a worker answered (pid ${result.pid})` };
    } catch (error) {
      return {
        name: 'worker',
        status: 'warn',
        message: `no worker answered: ${errorMessage(error)}`,
      };
    }
  }

  /**
   * The catalog zone, whether PowerDNS notifies and lets transfer each secondary, and how far each
   * lags: every served zone's serial asked of it over DNS.
   */
  private async secondaryLines(): Promise<Line[]> {
    const lines: Line[] = [];
    const { catalogZone, dns, tsigKeyName } = this.config.secondaries;
    if (catalogZone) {
      try {
        const zone = await this.pdns.getZone(catalogZone, { rrsets: false });
        lines.push(
          zone.kind === 'Producer'
            ? { name: 'catalog', status: 'ok', message: `${catalogZone} (serial ${zone.serial})` }
            : {
                name: 'catalog',
                status: 'error',
                message: `${catalogZone} is a ${zone.kind} zone, not a catalog (Producer)`,
              },
        );
      } catch (error) {
        lines.push({
          name: 'catalog',
          status: 'warn',
          message: `${catalogZone}: ${errorMessage(error)} (the API and the worker create it on first use)`,
        });
      }
    }
    if (dns.length === 0) {
      lines.push({ name: 'secondaries', status: 'skipped', message: 'SECONDARIES is not set' });
      return lines;
    }
    try {
      const settings = await this.pdns.getConfig();
      for (const finding of checkPrimarySettings(settings, dns, tsigKeyName !== null)) {
        lines.push({ name: 'pdns_primary', status: finding.status, message: finding.message });
      }
    } catch (error) {
      lines.push({ name: 'pdns_primary', status: 'error', message: errorMessage(error) });
    }
    try {
      if (!this.dataSource.isInitialized) throw new Error('the database is unavailable');
      for (const s of await withTimeout(
        this.secondaries.check({ full: true }),
        30_000,
        'secondaries',
      )) {
        const lag = `${s.behind} behind (most ${s.max_serial_lag} serials), ${s.missing} missing`;
        lines.push({
          name: `secondary ${s.address}`,
          status: s.status === 'ok' ? 'ok' : s.status === 'unreachable' ? 'error' : 'warn',
          message:
            s.status === 'unreachable'
              ? `did not answer for any of ${s.zones} zone(s)`
              : `${s.in_sync} of ${s.zones} zone(s) in sync; ${lag}`,
        });
      }
    } catch (error) {
      lines.push({ name: 'secondaries', status: 'error', message: errorMessage(error) });
    }
    return lines;
  }

  private toLine(name: string, result: CheckResult, target: string): Line {
    const where = displayValue(`${name}_URL`, target, false);
    switch (result.status) {
      case 'ok':
        return {
          name,
          status: 'ok',
          message: `reachable at ${where}${result.message ? ` (${result.message})` : ''}`,
        };
      case 'skipped':
        return { name, status: 'skipped', message: result.message ?? 'not configured' };
      case 'error':
        return { name, status: 'error', message: `${where}: ${result.message ?? 'failed'}` };
    }
  }
}
