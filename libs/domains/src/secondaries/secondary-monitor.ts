import { Resolver } from 'node:dns/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AppConfig, Domain, type HostPort, InjectConfig, InjectRedis } from '@app/core';
import { PdnsClient } from '@app/pdns-client';
import type Redis from 'ioredis';
import { type DataSource, Not, IsNull } from 'typeorm';
import { standing, type SecondaryStanding, type ZoneAnswer } from './serial-lag';

/** Where the worker leaves its latest report for readiness to read. */
const REPORT_KEY = 'scaidns:secondaries:report';
const SOA_TIMEOUT_MS = 1000;
/** SOA questions in flight to one secondary at once. */
const CONCURRENCY = 16;
/** Zones a secondary had at the primary's serial that are asked again anyway, per check. */
const RECHECK_PER_RUN = 50;

/** The latest report, as readiness shows it. */
export interface SecondariesReport {
  readonly checked_at: string;
  readonly secondaries: SecondaryStanding[];
}

interface Tracked {
  /** The serial it served, per zone, when last asked. */
  readonly seen: Map<string, ZoneAnswer>;
  /** When each zone it lags on was first seen behind or missing (ms). */
  readonly since: Map<string, number>;
  /** Where the round-robin re-asking of in-sync zones goes on from. */
  cursor: number;
}

/** How a secondary is named in reports and metric labels: `host:port` (`[v6]:port`). */
export function secondaryAddress(hp: HostPort): string {
  return hp.host.includes(':') ? `[${hp.host}]:${hp.port}` : `${hp.host}:${hp.port}`;
}

/**
 * How far each secondary (SECONDARIES) lags the primary: the served zones' serials, read from
 * PowerDNS in one call, against the SOA serial each secondary answers with over DNS, so BIND and
 * Knot secondaries are checked as well as PowerDNS ones. The worker's check keeps what each secondary
 * last said and asks only about zones whose serial moved since (plus a few others in turn, so a
 * secondary that lost a zone is noticed); `scaidns doctor` asks about every zone.
 */
@Injectable()
export class SecondaryMonitor {
  private readonly secondaries: readonly HostPort[];
  private readonly catalogZone: string | null;
  private readonly tracked = new Map<string, Tracked>();
  private readonly intervalSeconds: number;

  constructor(
    @InjectConfig() config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRedis() private readonly redis: Redis,
    private readonly pdns: PdnsClient,
  ) {
    this.secondaries = config.secondaries.dns;
    this.catalogZone = config.secondaries.catalogZone;
    this.intervalSeconds = config.secondaries.checkIntervalSeconds;
  }

  get configured(): boolean {
    return this.secondaries.length > 0;
  }

  /**
   * One check of every secondary. `full` asks about every zone and keeps nothing (doctor); else
   * the check goes on from the last one (the worker) and its report is published for readiness.
   */
  async check(options: { full?: boolean } = {}): Promise<SecondaryStanding[]> {
    if (!this.configured) return [];
    const primary = await this.servedSerials();
    const now = Date.now();
    const standings = await Promise.all(
      this.secondaries.map(async (secondary) => {
        const address = secondaryAddress(secondary);
        if (options.full) {
          const answers = await this.ask(secondary, [...primary.keys()]);
          return standing(address, primary, answers, null, now);
        }
        const tracked = this.trackedFor(address);
        const due = this.due(tracked, primary);
        const answers = await this.ask(secondary, due);
        for (const [zone, answer] of answers) tracked.seen.set(zone, answer);
        for (const zone of tracked.seen.keys()) if (!primary.has(zone)) tracked.seen.delete(zone);
        this.updateSince(tracked, primary, now);
        return standing(address, primary, tracked.seen, tracked.since, now);
      }),
    );
    if (!options.full) {
      const report: SecondariesReport = {
        checked_at: new Date(now).toISOString(),
        secondaries: standings,
      };
      await this.redis.set(
        REPORT_KEY,
        JSON.stringify(report),
        'EX',
        Math.max(60, this.intervalSeconds * 3),
      );
    }
    return standings;
  }

  /** The worker's latest report; null when there is none (no worker, or it is older than 3 checks). */
  async latestReport(): Promise<SecondariesReport | null> {
    const raw = await this.redis.get(REPORT_KEY);
    return raw ? (JSON.parse(raw) as SecondariesReport) : null;
  }

  /** The serial PowerDNS serves for each zone the secondaries should have: the active ones, and the catalog. */
  private async servedSerials(): Promise<Map<string, number>> {
    const [zones, active] = await Promise.all([
      this.pdns.listZones({ dnssec: false }),
      this.dataSource.getRepository(Domain).find({
        select: { pdnsZoneId: true },
        where: { status: 'active', pdnsZoneId: Not(IsNull()) },
      }),
    ]);
    const served = new Set(active.map((d) => d.pdnsZoneId));
    const serials = new Map<string, number>();
    for (const zone of zones) {
      if (served.has(zone.id) || zone.name === this.catalogZone) {
        serials.set(zone.name, zone.edited_serial || zone.serial);
      }
    }
    return serials;
  }

  private trackedFor(address: string): Tracked {
    let tracked = this.tracked.get(address);
    if (!tracked) {
      tracked = { seen: new Map(), since: new Map(), cursor: 0 };
      this.tracked.set(address, tracked);
    }
    return tracked;
  }

  /** Zones to ask about: those not last seen at the primary's serial, and a few others in turn. */
  private due(tracked: Tracked, primary: ReadonlyMap<string, number>): string[] {
    const due: string[] = [];
    const inSync: string[] = [];
    for (const [zone, serial] of primary) {
      const seen = tracked.seen.get(zone);
      if (seen?.kind === 'serial' && seen.serial === serial) inSync.push(zone);
      else due.push(zone);
    }
    const again = Math.min(RECHECK_PER_RUN, inSync.length);
    for (let i = 0; i < again; i += 1) {
      due.push(inSync[(tracked.cursor + i) % inSync.length]);
    }
    tracked.cursor = inSync.length === 0 ? 0 : (tracked.cursor + again) % inSync.length;
    return due;
  }

  private updateSince(tracked: Tracked, primary: ReadonlyMap<string, number>, now: number): void {
    for (const [zone, serial] of primary) {
      const seen = tracked.seen.get(zone);
      const synced = seen?.kind === 'serial' && seen.serial === serial;
      if (synced) tracked.since.delete(zone);
      else if (!tracked.since.has(zone)) tracked.since.set(zone, now);
    }
    for (const zone of tracked.since.keys()) if (!primary.has(zone)) tracked.since.delete(zone);
  }

  /** The SOA serial the secondary answers for each zone, CONCURRENCY questions at a time. */
  private async ask(
    secondary: HostPort,
    zones: readonly string[],
  ): Promise<Map<string, ZoneAnswer>> {
    const resolver = new Resolver({ timeout: SOA_TIMEOUT_MS, tries: 1 });
    resolver.setServers([secondaryAddress(secondary)]);
    const answers = new Map<string, ZoneAnswer>();
    let next = 0;
    const worker = async () => {
      while (next < zones.length) {
        const zone = zones[next++];
        answers.set(zone, await soaSerial(resolver, zone));
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, zones.length) }, worker));
    return answers;
  }
}

async function soaSerial(resolver: Resolver, zone: string): Promise<ZoneAnswer> {
  try {
    const soa = await resolver.resolveSoa(zone.replace(/\.$/, '') || '.');
    return { kind: 'serial', serial: soa.serial };
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === 'ETIMEOUT' || code === 'ECONNREFUSED' || code === 'ECANCELLED'
      ? { kind: 'unreachable' }
      : { kind: 'missing' };
  }
}
