import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import {
  type AppConfig,
  AppError,
  DnssecKey,
  type DnssecKeyRole,
  type DnssecStatus,
  Domain,
  errorMessage,
  InjectConfig,
} from '@app/core';
import { auditEntryBy, type Caller, ZoneAccess } from '@app/identity';
import { PdnsClient, type PdnsCryptokey } from '@app/pdns-client';
import { zoneFailure } from '@app/zones';
import type { DataSource, EntityManager } from 'typeorm';
import { DNSSEC_ALGORITHMS, dnssecAlgorithm } from './keys/algorithms';
import { type DsRecord, dsMatches, dsOf, keyTag, parseDnskey, SEP_FLAG } from './keys/dnskey';
import { ZoneKeys } from './keys/zone-keys';
import { NO_WAITS, nextRollStep, type RollStep } from './rollover/roll-plan';

/** One key as the API shows it: ScaiDNS's role and state, PowerDNS's material and flags. */
export interface DnssecKeyView {
  readonly role: DnssecKeyRole;
  readonly keyTag: number;
  readonly algorithm: number;
  readonly dnskey: string;
  readonly publicKey: string;
  readonly state: DnssecKey['state'];
  readonly active: boolean;
  readonly published: boolean;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly dsSeenAt: Date | null;
  readonly nextStepAt: Date | null;
}

/** A zone's DNSSEC state: `GET /domains/{id}/dnssec`. */
export interface DnssecOverview {
  readonly domain: Domain;
  readonly keys: readonly DnssecKeyView[];
  /** DS records to publish at the parent: every published KSK's, SHA-256 only. */
  readonly dsRecords: readonly DsRecord[];
  /** The worker's next rollover step and when it is due (null: none planned). */
  readonly nextStep: {
    readonly kind: Exclude<RollStep['kind'], 'none'>;
    readonly dueAt: Date;
  } | null;
}

/** What an action did: the zone's state after it and a sentence for the caller. */
export interface DnssecActionResult {
  readonly overview: DnssecOverview;
  readonly message: string;
}

/**
 * DNSSEC on a zone: signing, unsigning, the start of key rolls and the DS handover. PowerDNS holds
 * the key material; each key's role and rollover state are rows here (PowerDNS's own `keytype` is
 * derived and can't be trusted). The rules every step keeps:
 * - no key is ever active but unpublished (PowerDNS would serve a bogus zone): keys are created
 *   published, and every update sends `published` explicitly;
 * - a signed zone has `api_rectify` on, so every commit through the zone writer leaves it rectified
 *   (one transaction with the PATCH, no window and no extra call; see the README's benchmark);
 * - every key change moves the SOA serial through the zone writer (PowerDNS 4.7 does not), which
 *   also rectifies, and PowerDNS's caches are flushed for the zone.
 * Each action locks the domain's row for its whole run, so two actions on one zone never interleave.
 */
@Injectable()
export class DnssecService {
  private readonly logger = new Logger(DnssecService.name);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pdns: PdnsClient,
    private readonly keys: ZoneKeys,
    private readonly audit: AuditService,
  ) {}

  /** The zone's DNSSEC state, keys read from PowerDNS. */
  async overview(zone: ZoneAccess): Promise<DnssecOverview> {
    zone.assert('dnssec:read');
    const keys = await this.dataSource
      .getRepository(DnssecKey)
      .find({ where: { domainId: zone.domain.id }, order: { createdAt: 'ASC' } });
    return this.describe(zone.domain, keys);
  }

  /**
   * Signs the zone with a new KSK and ZSK of `algorithm` (DNSSEC_DEFAULT_ALGORITHM if omitted):
   * both active and published. The zone is `pending_ds` until its DS is at the parent.
   */
  async enable(zone: ZoneAccess, algorithm?: number): Promise<DnssecActionResult> {
    zone.assert('dnssec:enable');
    const chosen = dnssecAlgorithm(algorithm ?? this.config.dnssec.defaultAlgorithm);
    if (!chosen) {
      throw AppError.badRequest(
        `Unsupported algorithm ${String(algorithm)}: use one of ${[...DNSSEC_ALGORITHMS.keys()].join(', ')}`,
      );
    }
    return this.underLock(zone, async (manager, row, zoneId) => {
      if (row.status !== 'active') {
        throw AppError.conflict(`Domain is ${row.status}: only an active zone can be signed`);
      }
      if (row.dnssecEnabled) throw AppError.conflict('DNSSEC is already enabled on this zone');
      const created: PdnsCryptokey[] = [];
      try {
        await this.pdns.updateZone(zoneId, { api_rectify: true });
        for (const keytype of ['ksk', 'zsk'] as const) {
          created.push(await this.keys.create(zoneId, keytype, chosen, true));
        }
        // CDS/CDNSKEY of the KSK (RFC 7344), for parents that automate the DS.
        await this.pdns.replaceMetadata(zoneId, 'PUBLISH-CDS', ['2']);
        await this.pdns.replaceMetadata(zoneId, 'PUBLISH-CDNSKEY', ['1']);
        await this.keys.changed(row, zone.caller);
      } catch (error) {
        await this.unsignQuietly(row, zoneId);
        throw zoneFailure(`sign the zone ${row.name}`, error);
      }
      const now = new Date();
      const rows = created.map((key, i) =>
        manager.create(DnssecKey, {
          domainId: row.id,
          pdnsKeyId: key.id,
          role: i === 0 ? 'ksk' : 'zsk',
          algorithm: chosen.number,
          keyTag: keyTag(parseDnskey(key.dnskey)),
          state: 'active',
          dsSeenAt: null,
          nextStepAt: null,
          expiresAt: this.expiry(i === 0 ? 'ksk' : 'zsk', now),
        }),
      );
      try {
        await manager.save(rows);
        row.dnssecEnabled = true;
        row.dnssecStatus = 'pending_ds';
        row.dnssecAlgorithm = chosen.number;
        await manager.save(row);
        const overview = await this.describe(row, rows, created);
        await this.record(manager, zone.caller, 'dnssec.enable', row, null, {
          ...auditView(row),
          keys: rows.map((k) => ({ role: k.role, key_tag: k.keyTag })),
          ds_records: overview.dsRecords.map(dsText),
        });
        return {
          overview,
          message: 'DNSSEC enabled: publish the DS records at your registrar, then confirm',
        };
      } catch (error) {
        await this.unsignQuietly(row, zoneId);
        throw error;
      }
    });
  }

  /**
   * Unsigns the zone: every key goes, and the zone is no longer rectified on every commit. While
   * the parent still publishes a DS for the zone (asked through VALIDATION_RESOLVERS) this would
   * make the zone bogus, so it is refused (409) and the CDS/CDNSKEY delete records of RFC 8078 are
   * published instead, for the parent to drop the DS; `force` unsigns anyway.
   */
  async disable(zone: ZoneAccess, force: boolean): Promise<DnssecActionResult> {
    zone.assert('dnssec:disable');
    const refusal: { detail: string | null } = { detail: null };
    const result = await this.underLock(zone, async (manager, row, zoneId) => {
      if (!row.dnssecEnabled) throw AppError.conflict('DNSSEC is not enabled on this zone');
      const before = auditView(row);
      if (!force) {
        const parent = await this.keys.parentDs(row.name);
        if (parent.outcome !== 'none') {
          refusal.detail =
            parent.outcome === 'found'
              ? `The parent zone still publishes a DS for ${row.name} (key tag ${parent.records.map((d) => d.keyTag).join(', ')}): unsigning now would make the zone fail validation. CDS and CDNSKEY delete records (RFC 8078) are now published so the parent can remove it; remove the DS at your registrar, then disable again, or send {"force": true}`
              : `Could not check whether the parent zone still publishes a DS for ${row.name} (${parent.message}); CDS and CDNSKEY delete records (RFC 8078) are now published. Disable again once the DS is gone, or send {"force": true}`;
          await this.publishDeleteCds(row, zoneId, zone.caller);
          await this.record(manager, zone.caller, 'dnssec.disable', row, before, {
            ...before,
            disabled: false,
            cds: 'delete',
            parent_ds: parent.outcome === 'found' ? parent.records.map(dsText) : parent.message,
          });
          return null;
        }
      }
      try {
        await this.unsign(row, zoneId);
      } catch (error) {
        throw zoneFailure(`unsign the zone ${row.name}`, error);
      }
      await manager.delete(DnssecKey, { domainId: row.id });
      row.dnssecEnabled = false;
      row.dnssecStatus = 'disabled';
      row.dnssecAlgorithm = null;
      await manager.save(row);
      await this.record(manager, zone.caller, 'dnssec.disable', row, before, {
        ...auditView(row),
        forced: force,
      });
      return {
        overview: await this.describe(row, []),
        message: 'DNSSEC disabled: the zone is no longer signed',
      };
    });
    if (!result) throw AppError.conflict(refusal.detail ?? 'DNSSEC can not be disabled now');
    return result;
  }

  /**
   * Starts a ZSK roll by pre-publication: a new ZSK is published but does not sign yet. The worker
   * activates it once every cache holds it and retires the old one after the zone's largest TTL.
   */
  async rotateZsk(zone: ZoneAccess): Promise<DnssecActionResult> {
    zone.assert('dnssec:rotate');
    return this.startRoll(zone, 'zsk');
  }

  /**
   * Starts a KSK roll by double DS: a new KSK is published (not signing) and its DS is shown beside
   * the old one, and published as CDS/CDNSKEY. Once the new DS is at the parent
   * (`confirm-ds-published`, or the worker seeing it) and the DS TTL has passed, the worker makes
   * the new KSK sign and retires the old.
   */
  async rotateKsk(zone: ZoneAccess): Promise<DnssecActionResult> {
    zone.assert('dnssec:rotate');
    return this.startRoll(zone, 'ksk');
  }

  /**
   * The caller says the parent publishes the zone's DS. A zone pending its first DS becomes
   * `active`; during a KSK roll the new KSK's DS is marked seen (the worker finishes the roll after
   * the DS TTL). Refused when the parent is seen to publish DS records none of which matches a key.
   */
  async confirmDsPublished(zone: ZoneAccess): Promise<DnssecActionResult> {
    zone.assert('dnssec:enable');
    return this.underLock(zone, async (manager, row, zoneId) => {
      if (!row.dnssecEnabled) throw AppError.conflict('DNSSEC is not enabled on this zone');
      if (row.dnssecStatus !== 'pending_ds' && row.dnssecStatus !== 'rotating_ksk') {
        throw AppError.conflict(`No DS is awaited: DNSSEC is ${row.dnssecStatus}`);
      }
      const keys = await manager.find(DnssecKey, { where: { domainId: row.id } });
      const material = await this.keys.read(zoneId);
      const awaited = keys.filter((k) =>
        row.dnssecStatus === 'pending_ds'
          ? k.role === 'ksk' && k.state === 'active'
          : k.role === 'ksk' && k.state === 'incoming',
      );
      const parent = await this.keys.parentDs(row.name);
      if (parent.outcome === 'found') {
        const matching = parent.records.some((ds) =>
          awaited.some((k) => {
            const key = material.get(k.pdnsKeyId);
            return key !== undefined && dsMatches(row.name, parseDnskey(key.dnskey), ds);
          }),
        );
        if (!matching) {
          throw AppError.conflict(
            `The parent publishes DS records for ${row.name} (${parent.records.map(dsText).join('; ')}) but none matches the key(s) awaiting one (key tag ${awaited.map((k) => k.keyTag).join(', ')})`,
          );
        }
      }
      const before = auditView(row);
      const now = new Date();
      for (const key of awaited) {
        key.dsSeenAt = now;
        if (row.dnssecStatus === 'rotating_ksk') {
          // Resolvers may hold the parent's old DS set for its TTL: the swap waits for it.
          const dsTtl = parent.outcome === 'found' ? parent.ttl : DEFAULT_DS_TTL_SECONDS;
          const wait = dsTtl + this.config.dnssec.propagationDelaySeconds;
          key.nextStepAt = new Date(now.getTime() + wait * 1000);
        } else {
          key.nextStepAt = null; // no more DS checks by the worker
        }
      }
      await manager.save(awaited);
      const message =
        row.dnssecStatus === 'pending_ds'
          ? 'DS confirmed: the zone is signed and validates from its parent'
          : 'New DS confirmed: the new KSK takes over once the old DS has expired from caches';
      if (row.dnssecStatus === 'pending_ds') row.dnssecStatus = 'active';
      await manager.save(row);
      await this.record(manager, zone.caller, 'dnssec.confirm_ds_published', row, before, {
        ...auditView(row),
        key_tags: awaited.map((k) => k.keyTag),
        parent_ds: parent.outcome === 'found' ? parent.records.map(dsText) : parent.outcome,
      });
      return { overview: await this.describe(row, keys), message };
    });
  }

  // --- steps ------------------------------------------------------------------------------------

  private async startRoll(zone: ZoneAccess, role: DnssecKeyRole): Promise<DnssecActionResult> {
    return this.underLock(zone, async (manager, row, zoneId) => {
      if (!row.dnssecEnabled) throw AppError.conflict('DNSSEC is not enabled on this zone');
      if (row.dnssecStatus !== 'active') {
        throw AppError.conflict(
          `DNSSEC is ${row.dnssecStatus}: a key can be rolled once that is finished`,
        );
      }
      const algorithm = dnssecAlgorithm(row.dnssecAlgorithm);
      if (!algorithm) throw AppError.conflict('The zone has no known DNSSEC algorithm');
      let key: PdnsCryptokey;
      try {
        key = await this.keys.create(zoneId, role, algorithm, false);
      } catch (error) {
        throw zoneFailure(`add a ${role.toUpperCase()} to the zone ${row.name}`, error);
      }
      const now = new Date();
      const before = auditView(row);
      try {
        await this.keys.changed(row, zone.caller);
        const incoming = manager.create(DnssecKey, {
          domainId: row.id,
          pdnsKeyId: key.id,
          role,
          algorithm: algorithm.number,
          keyTag: keyTag(parseDnskey(key.dnskey)),
          state: 'incoming',
          dsSeenAt: null,
          // A ZSK signs once every cache can hold it: the DNSKEY TTL (the SOA minimum) and the
          // propagation delay from now. A KSK waits for its DS at the parent instead.
          nextStepAt:
            role === 'zsk'
              ? new Date(
                  now.getTime() +
                    ((await this.keys.dnskeyTtl(row)) +
                      this.config.dnssec.propagationDelaySeconds) *
                      1000,
                )
              : null,
          expiresAt: this.expiry(role, now),
        });
        await manager.save(incoming);
        row.dnssecStatus = role === 'zsk' ? 'rotating_zsk' : 'rotating_ksk';
        await manager.save(row);
        const keys = await manager.find(DnssecKey, { where: { domainId: row.id } });
        const overview = await this.describe(row, keys);
        await this.record(manager, zone.caller, `dnssec.rotate_${role}`, row, before, {
          ...auditView(row),
          new_key_tag: incoming.keyTag,
          ds_records: role === 'ksk' ? overview.dsRecords.map(dsText) : undefined,
        });
        return {
          overview,
          message:
            role === 'zsk'
              ? `New ZSK ${incoming.keyTag} published; it starts signing once caches hold it, and the old ZSK is retired after that`
              : `New KSK ${incoming.keyTag} published: add its DS at your registrar beside the current one, then confirm`,
        };
      } catch (error) {
        await this.pdns
          .deleteCryptokey(zoneId, key.id)
          .then(() => this.keys.changed(row, zone.caller))
          .catch((e: unknown) =>
            this.logger.error(
              `could not remove new key ${key.id} of ${row.name}: ${errorMessage(e)}`,
            ),
          );
        throw error;
      }
    });
  }

  /**
   * Runs `work` in a transaction holding the domain's row lock, with the zone as it now is. The
   * PowerDNS steps inside it undo themselves when they fail; a database failure after them is undone
   * by the caller's catch.
   */
  private async underLock<T>(
    zone: ZoneAccess,
    work: (manager: EntityManager, row: Domain, zoneId: string) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(Domain, {
        where: { id: zone.domain.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row || row.status === 'deleted') throw AppError.notFound('Domain');
      if (!row.pdnsZoneId) {
        throw AppError.conflict(`Domain is ${row.status} and has no zone in PowerDNS yet`);
      }
      return work(manager, row, row.pdnsZoneId);
    });
  }

  /** Every key and the CDS/CDNSKEY settings go; the zone is no longer rectified on each commit. */
  private async unsign(row: Domain, zoneId: string): Promise<void> {
    await this.pdns.updateZone(zoneId, { dnssec: false, api_rectify: false });
    for (const kind of ['PUBLISH-CDS', 'PUBLISH-CDNSKEY']) {
      await this.pdns.deleteMetadata(zoneId, kind).catch(() => undefined);
    }
    await this.keys.changed(row, null);
  }

  private async unsignQuietly(row: Domain, zoneId: string): Promise<void> {
    await this.unsign(row, zoneId).catch((e: unknown) =>
      this.logger.error(`could not unsign ${row.name} after a failed enable: ${errorMessage(e)}`),
    );
  }

  /** RFC 8078 §4: `CDS 0 0 0 00` and `CDNSKEY 0 3 0 AA==` ask the parent to remove the DS. */
  private async publishDeleteCds(
    row: Domain,
    zoneId: string,
    caller: Caller | null,
  ): Promise<void> {
    try {
      await this.pdns.replaceMetadata(zoneId, 'PUBLISH-CDS', ['0']);
      await this.pdns.replaceMetadata(zoneId, 'PUBLISH-CDNSKEY', ['0']);
      await this.keys.changed(row, caller);
    } catch (error) {
      throw zoneFailure(`publish the CDS delete records of ${row.name}`, error);
    }
  }

  private async describe(
    domain: Domain,
    rows: readonly DnssecKey[],
    known?: readonly PdnsCryptokey[],
  ): Promise<DnssecOverview> {
    if (!domain.dnssecEnabled || !domain.pdnsZoneId || rows.length === 0) {
      return { domain, keys: [], dsRecords: [], nextStep: null };
    }
    const material = known
      ? new Map(known.map((k) => [k.id, k] as const))
      : await this.keys.read(domain.pdnsZoneId);
    const keys: DnssecKeyView[] = [];
    for (const row of rows) {
      const key = material.get(row.pdnsKeyId);
      if (!key) {
        this.logger.warn(`key ${row.pdnsKeyId} of ${domain.name} is missing from PowerDNS`);
        continue;
      }
      const dnskey = parseDnskey(key.dnskey);
      keys.push({
        role: row.role,
        keyTag: row.keyTag,
        algorithm: row.algorithm,
        dnskey: key.dnskey,
        publicKey: dnskey.publicKey,
        state: row.state,
        active: key.active,
        published: key.published,
        createdAt: row.createdAt ?? new Date(),
        expiresAt: row.expiresAt,
        dsSeenAt: row.dsSeenAt,
        nextStepAt: row.nextStepAt,
      });
    }
    const dsRecords = keys
      .filter((k) => k.role === 'ksk' && k.published)
      .map((k) => parseDnskey(k.dnskey))
      .filter((k) => (k.flags & SEP_FLAG) === SEP_FLAG)
      .map((k) => dsOf(domain.name, k));
    return { domain, keys, dsRecords, nextStep: plannedStep(rows, new Date()) };
  }

  private expiry(role: DnssecKeyRole, from: Date): Date {
    const days =
      role === 'ksk' ? this.config.dnssec.kskLifetimeDays : this.config.dnssec.zskLifetimeDays;
    return new Date(from.getTime() + days * 86_400_000);
  }

  private async record(
    manager: EntityManager,
    caller: Caller | null,
    action: string,
    domain: Domain,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await this.audit.record(
      manager,
      auditEntryBy(caller, {
        tenantId: domain.tenantId,
        action,
        resourceType: 'domain',
        resourceId: domain.id,
        resourceName: domain.name,
        before,
        after,
      }),
    );
  }
}

/** Without a DS TTL to go by (the parent was not seen), a day: what most TLDs use. */
export const DEFAULT_DS_TTL_SECONDS = 86_400;

/** What the worker will do next, as far as the key rows tell (the waits it computes are theirs). */
function plannedStep(rows: readonly DnssecKey[], now: Date): DnssecOverview['nextStep'] {
  const step = nextRollStep(rows, NO_WAITS, now);
  if (step.kind !== 'none') return { kind: step.kind, dueAt: now };
  if (!step.dueAt) return null;
  const then = nextRollStep(rows, NO_WAITS, step.dueAt);
  return then.kind === 'none' ? null : { kind: then.kind, dueAt: step.dueAt };
}

export function dsText(ds: DsRecord): string {
  return `${ds.keyTag} ${ds.algorithm} ${ds.digestType} ${ds.digest}`;
}

export function auditView(d: Domain): Record<string, unknown> {
  return {
    dnssec_enabled: d.dnssecEnabled,
    dnssec_status: d.dnssecStatus satisfies DnssecStatus,
    dnssec_algorithm: d.dnssecAlgorithm,
  };
}
