import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import {
  type AppConfig,
  Clock,
  DnssecKey,
  type DnssecKeyRole,
  Domain,
  InjectConfig,
} from '@app/core';
import { auditEntryBy } from '@app/identity';
import { PdnsClient, type PdnsCryptokey } from '@app/pdns-client';
import { zoneFailure } from '@app/zones';
import { Brackets, type DataSource, type EntityManager } from 'typeorm';
import { auditView, DEFAULT_DS_TTL_SECONDS, dsText } from '../dnssec.service';
import { dnssecAlgorithm } from '../keys/algorithms';
import { dsMatches, keyTag, parseDnskey } from '../keys/dnskey';
import { ZoneKeys } from '../keys/zone-keys';
import { NO_WAITS, nextRollStep, type RollStep, rollStatus, type RollTimings } from './roll-plan';

/** Most steps one run takes on one zone (a roll has at most five; the rest waits for the next run). */
const MAX_STEPS_PER_RUN = 8;

/** What a key row asks of PowerDNS: every key is published; only `active` ones sign. */
function signs(row: DnssecKey): boolean {
  return row.state === 'active';
}

/**
 * The worker's side of DNSSEC: automatic key rolls (RFC 7583 timings from the zone's real TTLs,
 * DNSSEC_PROPAGATION_DELAY_SECONDS on top) and DS checks at the parent. A ZSK rolls by
 * pre-publication (publish, activate after TTLkey, remove after TTLsig); a KSK by double DS
 * (publish, the new DS awaited at the parent, activate after the DS TTL, remove after TTLkey). A
 * zone's first DS is awaited the same way.
 *
 * The state machine lives in MariaDB (`dnssec_keys`), PowerDNS is made to match it: each step runs
 * in one transaction holding the domain's row lock (the API's DNSSEC actions take the same), first
 * finishing whatever an interrupted run left (PowerDNS's keys put back to what the rows say), then
 * planning the step, writing the rows, and bringing PowerDNS to them before the commit. A run killed
 * anywhere leaves rows that describe a safe zone — every key published, the old ones still signing
 * until the commit — and the next run re-does the step. Every step moves the SOA serial and is
 * audited as actor `system`.
 */
@Injectable()
export class DnssecRollover {
  private readonly logger = new Logger(DnssecRollover.name);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pdns: PdnsClient,
    private readonly keys: ZoneKeys,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Served signed zones with a rollover step or a DS check due now. */
  async due(): Promise<string[]> {
    const now = this.clock.now();
    const rows = await this.dataSource
      .getRepository(DnssecKey)
      .createQueryBuilder('k')
      .innerJoin(Domain, 'd', 'd.id = k.domain_id')
      .select('DISTINCT k.domain_id', 'domainId')
      .where('d.dnssec_enabled = 1')
      .andWhere("d.status = 'active'")
      .andWhere(
        new Brackets((q) =>
          q
            .where('k.next_step_at <= :now', { now })
            .orWhere("k.state = 'active' AND k.expires_at <= :now", { now })
            .orWhere("k.role = 'ksk' AND k.ds_seen_at IS NULL AND k.next_step_at IS NULL"),
        ),
      )
      .getRawMany<{ domainId: string }>();
    return rows.map((r) => r.domainId);
  }

  /** Takes every step of the zone's rolls that is due now; the steps taken, in order. */
  async advance(domainId: string): Promise<string[]> {
    const taken: string[] = [];
    for (let i = 0; i < MAX_STEPS_PER_RUN; i++) {
      const step = await this.step(domainId);
      if (step === null) break;
      taken.push(step);
    }
    return taken;
  }

  /** One step (with the repair of an interrupted one first); null when nothing was due. */
  private async step(domainId: string): Promise<string | null> {
    return this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(Domain, {
        where: { id: domainId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row?.dnssecEnabled || row.status !== 'active' || !row.pdnsZoneId) return null;
      const zoneId = row.pdnsZoneId;
      const rows = await manager.find(DnssecKey, {
        where: { domainId },
        order: { createdAt: 'ASC' },
      });
      const repaired = await this.reconcile(manager, row, zoneId, rows);
      const keys = rows.filter((k) => !repaired.removed.has(k.id));
      const now = this.clock.now();
      let step = nextRollStep(keys, NO_WAITS, now);
      if (step.kind === 'publish' || step.kind === 'activate' || step.kind === 'ds_seen') {
        step = nextRollStep(keys, await this.timings(row), now);
      }
      if (repaired.changed) await this.record(manager, row, 'dnssec.reconcile', repaired.notes);
      if (step.kind === 'none') return repaired.changed ? 'reconcile' : null;
      const done = await this.take(manager, row, zoneId, keys, repaired.material, step, now);
      if (done === null) return null;
      const status = rollStatus(keys.filter((k) => !done.removed.includes(k.id)));
      if (row.dnssecStatus !== status) {
        row.dnssecStatus = status;
        await manager.save(row);
      }
      return done.summary;
    });
  }

  /**
   * Makes PowerDNS's keys what the rows say (finishing a step a killed run left half done): signing
   * keys first, then the others, so a zone never has no signing key of a role; a key without a row
   * (made by a run that died before its commit) is removed if it does not sign. A `retiring` row
   * whose key is gone was being removed: the row goes too.
   */
  private async reconcile(
    manager: EntityManager,
    row: Domain,
    zoneId: string,
    rows: DnssecKey[],
  ): Promise<{
    changed: boolean;
    removed: Set<string>;
    notes: string[];
    material: Map<number, PdnsCryptokey>;
  }> {
    const material = await this.keys.read(zoneId);
    const notes: string[] = [];
    const removed = new Set<string>();
    const updates: { key: PdnsCryptokey; active: boolean }[] = [];
    for (const key of rows) {
      const held = material.get(key.pdnsKeyId);
      if (!held) {
        if (key.state === 'retiring') {
          await manager.delete(DnssecKey, { id: key.id });
          removed.add(key.id);
          notes.push(`key ${key.keyTag} was already removed from PowerDNS`);
        } else {
          this.logger.error(`${key.role} ${key.keyTag} of ${row.name} is missing from PowerDNS`);
        }
        continue;
      }
      if (held.active !== signs(key) || !held.published) {
        updates.push({ key: held, active: signs(key) });
      }
    }
    updates.sort((a, b) => Number(b.active) - Number(a.active));
    try {
      for (const { key, active } of updates) {
        await this.pdns.updateCryptokey(zoneId, key.id, { active, published: true });
        notes.push(`key ${key.id} set ${active ? 'signing' : 'not signing'}`);
      }
      const known = new Set(rows.map((k) => k.pdnsKeyId));
      for (const key of material.values()) {
        if (known.has(key.id)) continue;
        if (key.active) {
          this.logger.warn(`${row.name} has a signing key ${key.id} ScaiDNS does not know; kept`);
          continue;
        }
        await this.pdns.deleteCryptokey(zoneId, key.id);
        notes.push(`unknown non-signing key ${key.id} removed`);
      }
    } catch (error) {
      throw zoneFailure(`put the keys of ${row.name} back in order`, error);
    }
    const changed = notes.length > 0;
    if (changed) {
      this.logger.warn(`${row.name}: ${notes.join('; ')}`);
      await this.keys.changed(row, null);
    }
    return { changed, removed, notes, material };
  }

  private async timings(row: Domain): Promise<RollTimings> {
    const { dnskeyTtl, maxZoneTtl } = await this.keys.ttls(row);
    return {
      dnskeyTtl,
      maxZoneTtl,
      dsTtl: DEFAULT_DS_TTL_SECONDS,
      propagationSeconds: this.config.dnssec.propagationDelaySeconds,
    };
  }

  /** Takes `step`; what it did (null: a DS check that found nothing, rescheduled). */
  private async take(
    manager: EntityManager,
    row: Domain,
    zoneId: string,
    keys: DnssecKey[],
    material: ReadonlyMap<number, PdnsCryptokey>,
    step: Exclude<RollStep, { kind: 'none' }>,
    now: Date,
  ): Promise<{ summary: string; removed: string[] } | null> {
    const byId = (id: string): DnssecKey => {
      const key = keys.find((k) => k.id === id);
      if (!key) throw new Error(`rollover: key ${id} of ${row.name} is not in the plan`);
      return key;
    };
    switch (step.kind) {
      case 'publish': {
        const key = await this.publish(manager, row, zoneId, step.role, step.nextStepAt, now);
        keys.push(key);
        await this.record(manager, row, `dnssec.rotate_${step.role}`, {
          new_key_tag: key.keyTag,
          next_step_at: key.nextStepAt,
        });
        return { summary: `publish ${step.role} ${key.keyTag}`, removed: [] };
      }
      case 'check_ds':
        return this.checkDs(manager, row, material, byId(step.key), now);
      case 'ds_seen': {
        const key = byId(step.key);
        key.nextStepAt = step.nextStepAt;
        await manager.save(key);
        return { summary: `ds_seen ${key.keyTag}`, removed: [] };
      }
      case 'activate': {
        const incoming = byId(step.incoming);
        incoming.state = 'active';
        incoming.nextStepAt = null;
        const retiring = step.retiring.map(byId);
        for (const key of retiring) {
          key.state = 'retiring';
          key.nextStepAt = step.nextStepAt;
        }
        await manager.save([incoming, ...retiring]);
        await this.apply(row, zoneId, [incoming, ...retiring]);
        await this.record(manager, row, `dnssec.activate_${step.role}`, {
          key_tag: incoming.keyTag,
          retiring_key_tags: retiring.map((k) => k.keyTag),
          remove_at: step.nextStepAt,
        });
        return { summary: `activate ${step.role} ${incoming.keyTag}`, removed: [] };
      }
      case 'remove': {
        const key = byId(step.key);
        await manager.delete(DnssecKey, { id: key.id });
        try {
          await this.pdns.deleteCryptokey(zoneId, key.pdnsKeyId);
        } catch (error) {
          throw zoneFailure(`remove key ${key.keyTag} of ${row.name}`, error);
        }
        await this.keys.changed(row, null);
        await this.record(manager, row, 'dnssec.remove_key', {
          role: key.role,
          key_tag: key.keyTag,
        });
        return { summary: `remove ${key.role} ${key.keyTag}`, removed: [key.id] };
      }
    }
  }

  /** A new key, published and not signing: made in PowerDNS, then its row (in this transaction). */
  private async publish(
    manager: EntityManager,
    row: Domain,
    zoneId: string,
    role: DnssecKeyRole,
    nextStepAt: Date | null,
    now: Date,
  ): Promise<DnssecKey> {
    const algorithm = dnssecAlgorithm(row.dnssecAlgorithm);
    if (!algorithm) throw new Error(`${row.name} has no known DNSSEC algorithm`);
    let created: PdnsCryptokey;
    try {
      created = await this.keys.create(zoneId, role, algorithm, false);
    } catch (error) {
      throw zoneFailure(`add a ${role.toUpperCase()} to ${row.name}`, error);
    }
    const days =
      role === 'ksk' ? this.config.dnssec.kskLifetimeDays : this.config.dnssec.zskLifetimeDays;
    const key = await manager.save(
      manager.create(DnssecKey, {
        domainId: row.id,
        pdnsKeyId: created.id,
        role,
        algorithm: algorithm.number,
        keyTag: keyTag(parseDnskey(created.dnskey)),
        state: 'incoming',
        dsSeenAt: null,
        nextStepAt,
        expiresAt: new Date(now.getTime() + days * 86_400_000),
      }),
    );
    await this.keys.changed(row, null);
    return key;
  }

  /**
   * Asks the parent for `key`'s DS. Seen: the key is marked so; a new KSK then takes over once
   * resolvers can no longer hold the parent's old DS set (its TTL + propagation), a first KSK is
   * simply done. Not seen (or the parent not answering): asked again a check interval later.
   */
  private async checkDs(
    manager: EntityManager,
    row: Domain,
    material: ReadonlyMap<number, PdnsCryptokey>,
    key: DnssecKey,
    now: Date,
  ): Promise<{ summary: string; removed: string[] } | null> {
    const parent = await this.keys.parentDs(row.name);
    const held = material.get(key.pdnsKeyId);
    const seen =
      parent.outcome === 'found' &&
      held !== undefined &&
      parent.records.some((ds) => dsMatches(row.name, parseDnskey(held.dnskey), ds));
    if (!seen) {
      key.nextStepAt = new Date(now.getTime() + this.config.dnssec.rollCheckIntervalSeconds * 1000);
      await manager.save(key);
      return null;
    }
    key.dsSeenAt = now;
    const wait = parent.ttl + this.config.dnssec.propagationDelaySeconds;
    key.nextStepAt = key.state === 'incoming' ? new Date(now.getTime() + wait * 1000) : null;
    await manager.save(key);
    await this.record(manager, row, 'dnssec.ds_seen', {
      key_tag: key.keyTag,
      parent_ds: parent.records.map(dsText),
      next_step_at: key.nextStepAt,
    });
    return { summary: `ds_seen ${key.keyTag}`, removed: [] };
  }

  /** Brings `changed` rows' keys in PowerDNS to their state: the signing ones first. */
  private async apply(row: Domain, zoneId: string, changed: DnssecKey[]): Promise<void> {
    const ordered = [...changed].sort((a, b) => Number(signs(b)) - Number(signs(a)));
    try {
      for (const key of ordered) {
        await this.pdns.updateCryptokey(zoneId, key.pdnsKeyId, {
          active: signs(key),
          published: true,
        });
      }
    } catch (error) {
      throw zoneFailure(`change the keys of ${row.name}`, error);
    }
    await this.keys.changed(row, null);
  }

  private async record(
    manager: EntityManager,
    row: Domain,
    action: string,
    detail: Record<string, unknown> | string[],
  ): Promise<void> {
    await this.audit.record(
      manager,
      auditEntryBy(null, {
        tenantId: row.tenantId,
        action,
        resourceType: 'domain',
        resourceId: row.id,
        resourceName: row.name,
        before: null,
        after: { ...auditView(row), ...(Array.isArray(detail) ? { repairs: detail } : detail) },
      }),
    );
  }
}
