import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import {
  type AppConfig,
  AppError,
  Domain,
  type DriftedRRSet,
  type DriftKind,
  type DriftResolution,
  errorMessage,
  InjectConfig,
  isDuplicateKeyError,
  RecordIdPinRow,
  RecordStampRow,
  ZoneDriftFinding,
} from '@app/core';
import { auditEntryBy, type Caller, ZoneAccess } from '@app/identity';
import {
  PdnsClient,
  PdnsDatabase,
  PdnsNotFoundError,
  type PdnsZoneSummary,
} from '@app/pdns-client';
import {
  type BaselineRRSet,
  diffRRSets,
  driftDigest,
  soaWithSerial,
  toBaseline,
  ZoneBaselines,
  zoneFailure,
  ZoneProvisioner,
  ZoneWriter,
} from '@app/zones';
import { type DataSource, type EntityManager, IsNull, Not } from 'typeorm';

/** The most drifted rrsets a finding (and its audit entry) shows; `rrset_count` has the total. */
export const MAX_DRIFT_RRSETS = 100;

/** What one scan did, and what it read to do it. */
export interface DriftScanReport {
  /** Zones PowerDNS holds. */
  readonly zones: number;
  /** Of them, zones of ScaiDNS's domains. */
  readonly known: number;
  /** Zones whose fingerprint and revision showed no change: not read. */
  readonly skipped: number;
  /** Zones read through the API and compared with their baseline. */
  readonly compared: number;
  /** Zones seen for the first time, whose baseline was taken from PowerDNS. */
  readonly baselined: number;
  /** Findings recorded (and audited) by this scan. */
  readonly recorded: number;
  /** Findings open after the scan. */
  readonly open: number;
  /** Findings this scan saw gone (the drift was undone). */
  readonly vanished: number;
  /** Whether PowerDNS's database gave per-zone fingerprints (PDNS_DATABASE_URL). */
  readonly fingerprints: boolean;
  readonly durationMs: number;
}

export type DriftFix = 'adopt' | 'revert';

type KnownDomain = Pick<
  Domain,
  'id' | 'name' | 'tenantId' | 'status' | 'pdnsZoneId' | 'defaultTtl'
>;

const canonical = (name: string): string => `${name.toLowerCase().replace(/\.$/, '')}.`;
const contentHash = (content: string): string => createHash('sha256').update(content).digest('hex');

/**
 * Finds edits made in PowerDNS behind ScaiDNS's back, and puts them right on request. A scan
 * compares each zone PowerDNS holds with what ScaiDNS last committed to it (ZoneBaselines),
 * serial-blind: edits by pdnsutil or SQL that leave the serial alone are found as surely as API
 * edits. With PowerDNS's database at hand (PDNS_DATABASE_URL) a zone is read only when its
 * fingerprint there, or ScaiDNS's own revision of it, moved since the last scan found it as
 * committed; without, every zone is read. It also finds zones PowerDNS holds that ScaiDNS does not
 * know, and zones of ScaiDNS's domains that PowerDNS lost. Each finding is recorded once, and
 * audited as `zone.drift` (actor `system`) with what ScaiDNS committed before and what PowerDNS
 * holds after. Fixes: adopt (PowerDNS's state becomes the new truth) or revert (what ScaiDNS last
 * committed is put back), both audited.
 */
@Injectable()
export class DriftService {
  private readonly logger = new Logger(DriftService.name);
  private readonly catalogZone: string | null;

  constructor(
    @InjectConfig() config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly pdns: PdnsClient,
    private readonly pdnsDatabase: PdnsDatabase,
    private readonly baselines: ZoneBaselines,
    private readonly writer: ZoneWriter,
    private readonly provisioner: ZoneProvisioner,
  ) {
    this.catalogZone = config.secondaries.catalogZone;
  }

  async scan(): Promise<DriftScanReport> {
    const started = performance.now();
    const [zones, domains, fingerprints, metas] = await Promise.all([
      this.pdns.listZones({ dnssec: false }),
      this.knownDomains(),
      this.pdnsDatabase.fingerprints(),
      this.baselines.metas(),
    ]);
    const byId = new Map(zones.map((z) => [z.id, z]));
    // Zones already found unknown or missing stay so until that finding ends: not asked again.
    const openKinds = new Map((await this.openFindings()).map((f) => [f.zone, f.kind]));
    const flagged = new Set<string>();
    let skipped = 0;
    let compared = 0;
    let baselined = 0;
    let recorded = 0;

    for (const domain of domains) {
      const zoneId = domain.pdnsZoneId as string;
      const zone = byId.get(zoneId);
      const name = canonical(domain.name);
      if (!zone) {
        if (openKinds.get(name) === 'missing_zone') flagged.add(name);
        else if (await this.stillMissing(domain)) {
          flagged.add(name);
          if (await this.record(domain, name, zoneId, 'missing_zone', [])) recorded += 1;
        }
        continue;
      }
      const meta = metas.get(zoneId);
      const fingerprint = fingerprints?.get(zone.name) ?? null;
      try {
        if (!meta || meta.takenAt === null) {
          await this.takeBaseline(zoneId, fingerprint);
          baselined += 1;
          continue;
        }
        if (
          fingerprint !== null &&
          fingerprint === meta.checkedFingerprint &&
          meta.revision === meta.checkedRevision
        ) {
          skipped += 1;
          continue;
        }
        compared += 1;
        const drift = await this.compare(zoneId);
        if (drift.rrsets.length === 0) {
          await this.baselines.markChecked(zoneId, drift.revision, fingerprint);
          continue;
        }
        flagged.add(name);
        if (await this.record(domain, name, zoneId, 'rrsets', drift.rrsets)) recorded += 1;
      } catch (error) {
        // One zone that can't be read (deleted meanwhile, PowerDNS busy) leaves the rest to scan;
        // an open finding of it stays open rather than being called gone.
        flagged.add(name);
        this.logger.warn(`drift scan of ${name}: ${errorMessage(error)}`);
      }
    }

    const known = new Set(domains.map((d) => d.pdnsZoneId));
    for (const zone of zones) {
      if (known.has(zone.id) || zone.name === this.catalogZone) continue;
      if (openKinds.get(zone.name) === 'unknown_zone') {
        flagged.add(zone.name);
        continue;
      }
      if (!(await this.stillUnknown(zone))) continue;
      flagged.add(zone.name);
      if (await this.record(null, zone.name, zone.id, 'unknown_zone', [])) recorded += 1;
    }

    const vanished = await this.resolveAllBut(flagged);
    const open = await this.findings().count({ where: { resolvedAt: IsNull() } });
    return {
      zones: zones.length,
      known: domains.length,
      skipped,
      compared,
      baselined,
      recorded,
      open,
      vanished,
      fingerprints: fingerprints !== null,
      durationMs: Math.round(performance.now() - started),
    };
  }

  /** Findings, newest first: the open ones, or every one. */
  async list(
    options: { includeResolved?: boolean; limit?: number } = {},
  ): Promise<ZoneDriftFinding[]> {
    return this.findings().find({
      where: options.includeResolved ? {} : { resolvedAt: IsNull() },
      order: { foundAt: 'DESC' },
      take: options.limit ?? 500,
    });
  }

  /**
   * Puts a finding right: `adopt` takes PowerDNS's state as the new truth (its baseline, record ids
   * and pins follow it, the serial moves so secondaries get it), `revert` puts back what ScaiDNS
   * last committed (a zone PowerDNS lost is made again from it). Audited as zone.drift.adopt or
   * zone.drift.revert by `caller` (null: the system). 404 for an unknown or resolved finding; 409
   * for a fix the finding can't take.
   */
  async fix(findingId: string, action: DriftFix, caller: Caller | null): Promise<ZoneDriftFinding> {
    const finding = await this.findings().findOne({
      where: { id: findingId, resolvedAt: IsNull() },
    });
    if (!finding) throw AppError.notFound('Drift finding');
    if (finding.kind === 'unknown_zone') {
      throw AppError.conflict(
        `ScaiDNS does not manage ${finding.zone}: neither adopt nor revert applies. Delete the zone in PowerDNS, or create a domain for it and delete the stray zone first.`,
      );
    }
    const domain = await this.dataSource
      .getRepository(Domain)
      .findOne({ where: { id: finding.domainId ?? '' } });
    if (!domain?.pdnsZoneId) throw AppError.notFound('Domain');
    if (finding.kind === 'missing_zone') {
      if (action === 'adopt') {
        throw AppError.conflict(
          `The zone ${finding.zone} is missing from PowerDNS: only revert applies (it makes the zone again from what ScaiDNS last committed)`,
        );
      }
      await this.recreate(domain);
    } else if (action === 'adopt') {
      await this.adopt(domain);
    } else {
      await this.revert(domain);
    }
    return this.resolve(finding, action === 'adopt' ? 'adopted' : 'reverted', caller);
  }

  // --- scanning ------------------------------------------------------------------------------

  private knownDomains(): Promise<KnownDomain[]> {
    return this.dataSource.getRepository(Domain).find({
      select: {
        id: true,
        name: true,
        tenantId: true,
        status: true,
        pdnsZoneId: true,
        defaultTtl: true,
      },
      where: { pdnsZoneId: Not(IsNull()) },
    });
  }

  /**
   * The differences between the zone and its baseline. Read without the zone's lock first (most
   * zones a scan reads were changed by ScaiDNS itself and match); a difference is read again under
   * the lock, so a commit caught half-settled is never taken for drift.
   */
  private async compare(zoneId: string): Promise<{ rrsets: DriftedRRSet[]; revision: number }> {
    const first = await this.readBoth(zoneId);
    if (first.rrsets.length === 0) return first;
    return this.writer.whileLocked(zoneId, () => this.readBoth(zoneId));
  }

  private async readBoth(zoneId: string): Promise<{ rrsets: DriftedRRSet[]; revision: number }> {
    const [baseline, zone] = await Promise.all([
      this.baselines.read(zoneId),
      this.pdns.getZone(zoneId, { rrsets: true }),
    ]);
    return {
      rrsets: diffRRSets(baseline.rrsets, toBaseline(zone.rrsets ?? [])),
      revision: baseline.meta?.revision ?? 0,
    };
  }

  private async takeBaseline(zoneId: string, fingerprint: string | null): Promise<void> {
    await this.writer.whileLocked(zoneId, async () => {
      const zone = await this.pdns.getZone(zoneId, { rrsets: true });
      await this.baselines.take(zoneId, zone.rrsets ?? [], { fingerprint });
    });
  }

  /** Missing now too: the domain still names the zone, and PowerDNS does not have it. */
  private async stillMissing(domain: KnownDomain): Promise<boolean> {
    const row = await this.dataSource
      .getRepository(Domain)
      .findOne({ select: { id: true, pdnsZoneId: true }, where: { id: domain.id } });
    if (!row || row.pdnsZoneId !== domain.pdnsZoneId) return false;
    try {
      await this.pdns.getZone(domain.pdnsZoneId as string, { rrsets: false });
      return false;
    } catch (error) {
      if (error instanceof PdnsNotFoundError) return true;
      throw error;
    }
  }

  /** Unknown now too (not a zone whose domain was committed while the scan ran). */
  private async stillUnknown(zone: PdnsZoneSummary): Promise<boolean> {
    return !(await this.dataSource
      .getRepository(Domain)
      .exists({ where: { pdnsZoneId: zone.id } }));
  }

  /**
   * Records a finding unless the same one is open already; one of another digest is superseded.
   * True when a new finding (and its zone.drift entry) was written. The open-zone unique index
   * keeps a concurrent scan from recording it twice.
   */
  private async record(
    domain: KnownDomain | null,
    zone: string,
    zoneId: string,
    kind: DriftKind,
    rrsets: readonly DriftedRRSet[],
  ): Promise<boolean> {
    const digest = driftDigest(
      rrsets.length > 0 ? rrsets : [{ name: zone, type: kind, before: null, after: null }],
    );
    try {
      return await this.dataSource.transaction(async (manager) => {
        const open = await manager.findOne(ZoneDriftFinding, {
          where: { openZone: zone },
          lock: { mode: 'pessimistic_write' },
        });
        if (open && open.kind === kind && open.digest === digest) return false;
        if (open) await this.close(manager, open, 'superseded');
        const finding = await manager.save(
          manager.create(ZoneDriftFinding, {
            domainId: domain?.id ?? null,
            tenantId: domain?.tenantId ?? null,
            zone,
            openZone: zone,
            pdnsZoneId: zoneId,
            kind,
            digest,
            rrsets: rrsets.slice(0, MAX_DRIFT_RRSETS),
            rrsetCount: rrsets.length,
            foundAt: new Date(),
            resolvedAt: null,
            resolution: null,
          }),
        );
        await this.audit.record(
          manager,
          auditEntryBy(null, {
            tenantId: finding.tenantId,
            action: 'zone.drift',
            resourceType: domain ? 'domain' : 'zone',
            resourceId: domain?.id ?? null,
            resourceName: zone.replace(/\.$/, ''),
            before: {
              rrsets: finding.rrsets.map((r) => ({ name: r.name, type: r.type, ...r.before })),
            },
            after: {
              rrsets: finding.rrsets.map((r) => ({ name: r.name, type: r.type, ...r.after })),
            },
            extra: { finding_id: finding.id, kind, rrset_count: rrsets.length },
          }),
        );
        this.logger.warn(
          `drift in ${zone}: ${kind}${rrsets.length ? `, ${rrsets.length} rrset(s)` : ''}`,
        );
        return true;
      });
    } catch (error) {
      // A concurrent scan recorded it first (the open-zone unique index).
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /** Every open finding. */
  private openFindings(): Promise<ZoneDriftFinding[]> {
    return this.findings().find({ where: { resolvedAt: IsNull() } });
  }

  /** Open findings of zones this scan did not flag: their drift is gone. */
  private async resolveAllBut(flagged: ReadonlySet<string>): Promise<number> {
    let vanished = 0;
    for (const finding of await this.openFindings()) {
      if (flagged.has(finding.zone)) continue;
      await this.dataSource.transaction((manager) => this.close(manager, finding, 'vanished'));
      vanished += 1;
    }
    return vanished;
  }

  private async close(
    manager: EntityManager,
    finding: ZoneDriftFinding,
    resolution: DriftResolution,
  ): Promise<void> {
    await manager.update(
      ZoneDriftFinding,
      { id: finding.id, resolvedAt: IsNull() },
      { resolvedAt: new Date(), resolution, openZone: null },
    );
  }

  // --- fixing --------------------------------------------------------------------------------

  /**
   * PowerDNS's state becomes the baseline, under the zone's lock, and every process reads the zone
   * afresh (exclusive); record ids follow: pins and creation stamps of contents the zone no longer
   * holds go. Then the serial moves, so secondaries get the adopted state (an edit by SQL left it).
   */
  private async adopt(domain: Domain): Promise<void> {
    const zoneId = domain.pdnsZoneId as string;
    try {
      await this.writer.exclusive(zoneId, async () => {
        const zone = await this.pdns.getZone(zoneId, { rrsets: true });
        const held = toBaseline(zone.rrsets ?? []);
        await this.baselines.take(zoneId, zone.rrsets ?? []);
        await this.dropStaleIdentities(domain.id, held);
      });
      await this.provisioner.bumpSerial(ZoneAccess.platform(domain));
    } catch (error) {
      throw zoneFailure(`adopt the zone ${domain.name} as PowerDNS holds it`, error);
    }
  }

  /** Pins and stamps of record contents the zone no longer holds. */
  private async dropStaleIdentities(
    domainId: string,
    held: readonly BaselineRRSet[],
  ): Promise<void> {
    const present = new Set(
      held.flatMap((r) =>
        r.records.map((rec) => `${r.name}|${r.type}|${contentHash(rec.content)}`),
      ),
    );
    const stale = <T extends { fqdn: string; type: string; contentHash: string }>(rows: T[]) =>
      rows.filter((r) => !present.has(`${r.fqdn}|${r.type}|${r.contentHash}`));
    await this.dataSource.transaction(async (manager) => {
      const pins = stale(await manager.find(RecordIdPinRow, { where: { domainId } }));
      if (pins.length > 0)
        await manager.delete(
          RecordIdPinRow,
          pins.map((p) => p.id),
        );
      for (const s of stale(await manager.find(RecordStampRow, { where: { domainId } }))) {
        await manager.delete(RecordStampRow, {
          domainId,
          fqdn: s.fqdn,
          type: s.type,
          contentHash: s.contentHash,
        });
      }
    });
  }

  /**
   * Puts back what ScaiDNS last committed, as one change through the zone writer (read afresh from
   * PowerDNS, since a cached copy can't have seen the drift): every differing rrset is replaced by
   * its baseline, or deleted where the baseline has none. The SOA keeps PowerDNS's serial.
   */
  private async revert(domain: Domain): Promise<void> {
    const zoneId = domain.pdnsZoneId as string;
    const { rrsets: committed } = await this.baselines.read(zoneId);
    const zone = await this.pdns.getZone(zoneId, { rrsets: true });
    const drifted = diffRRSets(committed, toBaseline(zone.rrsets ?? []));
    if (drifted.length === 0) return;
    const byKey = new Map(committed.map((r) => [`${r.name}|${r.type}`, r]));
    try {
      await this.writer.submit(ZoneAccess.platform(domain), {
        names: [...new Set(drifted.map((d) => d.name))],
        fresh: true,
        apply: (ws) => {
          for (const d of drifted) {
            const want = byKey.get(`${d.name}|${d.type}`);
            const records = (want?.records ?? []).map((r) => ({
              content: d.type === 'SOA' ? soaWithSerial(r.content, ws.serial) : r.content,
              disabled: r.disabled,
            }));
            ws.put({ name: d.name, type: d.type, ttl: want?.ttl ?? domain.defaultTtl, records });
          }
        },
      });
    } catch (error) {
      throw zoneFailure(`revert the zone ${domain.name} to what ScaiDNS committed`, error);
    }
  }

  /** A zone PowerDNS lost, made again from its baseline (served as its domain is). */
  private async recreate(domain: Domain): Promise<void> {
    const zoneId = domain.pdnsZoneId as string;
    const { rrsets } = await this.baselines.read(zoneId);
    if (rrsets.length === 0) {
      throw AppError.conflict(`ScaiDNS holds no committed state of ${domain.name} to make it from`);
    }
    try {
      await this.provisioner.restore(domain, {
        rrsets: rrsets.map((r) => ({
          ...r,
          records: r.records.map((rec) => ({
            content:
              r.type === 'SOA'
                ? soaWithSerial(rec.content, Math.floor(Date.now() / 1000))
                : rec.content,
            disabled: rec.disabled,
          })),
          comments: [],
        })),
        zoneSettings: { api_rectify: domain.dnssecEnabled },
      });
    } catch (error) {
      throw zoneFailure(`make the zone ${domain.name} again in PowerDNS`, error);
    }
  }

  private async resolve(
    finding: ZoneDriftFinding,
    resolution: 'adopted' | 'reverted',
    caller: Caller | null,
  ): Promise<ZoneDriftFinding> {
    return this.dataSource.transaction(async (manager) => {
      await this.close(manager, finding, resolution);
      await this.audit.record(
        manager,
        auditEntryBy(caller, {
          tenantId: finding.tenantId,
          action: resolution === 'adopted' ? 'zone.drift.adopt' : 'zone.drift.revert',
          resourceType: 'domain',
          resourceId: finding.domainId,
          resourceName: finding.zone.replace(/\.$/, ''),
          // Adopting keeps PowerDNS's side of the drift; reverting puts back ScaiDNS's.
          before: {
            rrsets: finding.rrsets.map((r) => ({
              name: r.name,
              type: r.type,
              ...(resolution === 'adopted' ? r.before : r.after),
            })),
          },
          after: {
            rrsets: finding.rrsets.map((r) => ({
              name: r.name,
              type: r.type,
              ...(resolution === 'adopted' ? r.after : r.before),
            })),
          },
          extra: { finding_id: finding.id, kind: finding.kind, rrset_count: finding.rrsetCount },
        }),
      );
      return await manager.findOneOrFail(ZoneDriftFinding, { where: { id: finding.id } });
    });
  }

  private findings() {
    return this.dataSource.getRepository(ZoneDriftFinding);
  }
}
