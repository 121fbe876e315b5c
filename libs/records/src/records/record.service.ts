import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { type AppConfig, AppError, type Domain, InjectConfig, RecordIdPinRow } from '@app/core';
import {
  auditActorOf,
  auditCallerExtra,
  auditOriginOf,
  type Caller,
  isAllowed,
  type PrincipalAccess,
  recordAccess,
  recordAccessAllows,
} from '@app/identity';
import { AuditService } from '@app/audit';
import { PdnsClient } from '@app/pdns-client';
import type { DataSource, EntityManager } from 'typeorm';
import { canonicalContent } from '../content/record-content';
import { validateTtl } from '../content/ttl';
import {
  assignRecordIds,
  pinsAfterContentChange,
  type RecordIdPin,
  recordContentKey,
  type RrsetKey,
} from '../ids/record-id';
import { PinCache } from '../ids/pin-cache';
import { normalizeRecordName } from '../names/record-name';
import { checkRrsetChanges } from '../rules/rrset-rules';
import { relativeName } from '../zonefile/zone-order';
import type { WorkingRRSet, ZoneWorkingSet } from '../write/zone-working-set';
import { ZoneWriteQueue } from '../write/zone-write-queue';

/** A record as the API shows it: one line of an rrset, with an id ScaiDNS derives. */
export interface RecordView {
  readonly id: string;
  /** Absolute, with the trailing dot. */
  readonly name: string;
  /** Relative to the zone (`@` for the apex). */
  readonly displayName: string;
  readonly type: string;
  readonly content: string;
  readonly ttl: number;
  readonly disabled: boolean;
}

export interface NewRecord {
  readonly name: string;
  readonly type: string;
  readonly content: string;
  readonly ttl?: number;
  readonly disabled?: boolean;
}

/** Most records one bulk request may carry: one PATCH stays well below PowerDNS's body limit. */
export const MAX_BULK_RECORDS = 1000;

export interface BulkError {
  readonly index: number;
  readonly message: string;
  readonly field?: string;
}

export interface BulkResult {
  readonly created: RecordView[];
  readonly errors: BulkError[];
}

function bulkError(index: number, error: unknown): BulkError {
  if (error instanceof AppError) {
    const detail = error.detail;
    return typeof detail === 'string'
      ? { index, message: detail }
      : { index, message: detail.message, field: detail.field };
  }
  throw error;
}

function bulkFailure(errors: readonly BulkError[]): AppError {
  return new AppError('UNPROCESSABLE', {
    message: `${errors.length} record(s) are invalid; nothing was written`,
    errors: [...errors].sort((a, b) => a.index - b.index),
  });
}

export interface RecordFilter {
  readonly type?: string;
  readonly name?: string;
  readonly includeSystem: boolean;
}

const pinKey = (fqdn: string, type: string): string =>
  `${fqdn.toLowerCase()}|${type.toUpperCase()}`;

/** The apex SOA and NS belong to the platform (zone creation, nameserver rollouts), never to callers. */
export function isPlatformManaged(record: { type: string; displayName: string }): boolean {
  return record.type === 'SOA' || (record.type === 'NS' && record.displayName === '@');
}

/**
 * Records of a zone, on PowerDNS rrsets. Reads come straight from PowerDNS; every write goes through
 * the zone's write queue (one PATCH per commit) and is answered only once PowerDNS has committed it.
 * Ids are derived from (zone, name, type, content): stable across reads and across TTL or
 * `disabled` changes.
 */
@Injectable()
export class RecordService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pdns: PdnsClient,
    private readonly queue: ZoneWriteQueue,
    private readonly audit: AuditService,
    private readonly pinCache: PinCache,
  ) {}

  async list(domain: Domain, access: PrincipalAccess, filter: RecordFilter): Promise<RecordView[]> {
    const zone = this.live(domain);
    const [pdnsZone, pins] = await Promise.all([
      this.pdns.getZone(zone, { rrsets: true }),
      this.pinsOf(domain),
    ]);
    const readable = recordAccess(
      access,
      'records:read',
      {
        tenantId: domain.tenantId,
        domainId: domain.id,
        partnerId: domain.tenant?.partnerId ?? null,
      },
      new Date(),
    );
    const out: RecordView[] = [];
    for (const rrset of pdnsZone.rrsets ?? []) {
      const display = relativeName(rrset.name, domain.name);
      const system = isPlatformManaged({ type: rrset.type, displayName: display });
      if (system && !filter.includeSystem) continue;
      if (filter.type && rrset.type !== filter.type.toUpperCase()) continue;
      if (
        filter.name &&
        display !== filter.name.toLowerCase() &&
        rrset.name !== filter.name.toLowerCase()
      )
        continue;
      if (!recordAccessAllows(readable, display, rrset.type)) continue;
      out.push(...this.views(domain, rrset, pins.get(pinKey(rrset.name, rrset.type)) ?? []));
    }
    return out.sort(
      (a, b) =>
        a.name.localeCompare(b.name) ||
        a.type.localeCompare(b.type) ||
        a.content.localeCompare(b.content),
    );
  }

  async get(domain: Domain, access: PrincipalAccess, id: string): Promise<RecordView> {
    const found = (await this.list(domain, access, { includeSystem: true })).find(
      (r) => r.id === id,
    );
    if (!found) throw AppError.notFound('Record');
    return found;
  }

  /** Validates, then adds the record to its rrset through the zone's queue. */
  async create(
    caller: Caller,
    domain: Domain,
    access: PrincipalAccess,
    input: NewRecord,
  ): Promise<RecordView> {
    const zone = this.live(domain);
    const prepared = this.prepare(domain, input);
    this.assertRecordAllowed(access, 'records:create', domain, prepared.fqdn, prepared.type);
    // The id needs the rrset's pins; reading them overlaps the commit instead of preceding it.
    const pins = this.settled(
      this.cachedPins(domain).then((all) => all.get(pinKey(prepared.fqdn, prepared.type)) ?? []),
    );
    const rrset = await this.queue.submit(zone, {
      names: [prepared.fqdn],
      apply: (ws: ZoneWorkingSet) => this.addTo(ws, domain, prepared),
    });
    const created = this.lastView(domain, rrset, await pins);
    await this.record(caller, domain, 'record.create', created.id, undefined, created);
    return created;
  }

  /**
   * Many records in one commit (one PATCH). Atomic by default: one bad record and nothing is written.
   * With `continueOnError` the good ones are written and each failure is reported with its index.
   */
  async createMany(
    caller: Caller,
    domain: Domain,
    access: PrincipalAccess,
    inputs: readonly NewRecord[],
    continueOnError: boolean,
  ): Promise<BulkResult> {
    const zone = this.live(domain);
    if (inputs.length > MAX_BULK_RECORDS) {
      throw new AppError('PAYLOAD_TOO_LARGE', `At most ${MAX_BULK_RECORDS} records per request`);
    }
    const errors: BulkError[] = [];
    const prepared: (ReturnType<RecordService['prepare']> & { index: number })[] = [];
    inputs.forEach((input, index) => {
      try {
        const p = this.prepare(domain, input);
        this.assertRecordAllowed(access, 'records:create', domain, p.fqdn, p.type);
        prepared.push({ ...p, index });
      } catch (error) {
        errors.push(bulkError(index, error));
      }
    });
    if (errors.length > 0 && !continueOnError) throw bulkFailure(errors);
    const pinsRead = this.settled(this.cachedPins(domain));
    // `apply` may run more than once (a commit PowerDNS refuses is retried change by change), so it
    // reports its own failures instead of adding to `errors`.
    const { added, failed } = await this.queue.submit(zone, {
      names: prepared.map((p) => p.fqdn),
      apply: (ws: ZoneWorkingSet) => {
        const out: WorkingRRSet[] = [];
        const bad: BulkError[] = [];
        for (const p of prepared) {
          const trial = ws.fork();
          try {
            out.push(this.addTo(trial, domain, p));
            ws.adopt(trial);
          } catch (error) {
            bad.push(bulkError(p.index, error));
          }
        }
        if (bad.length > 0 && !continueOnError) throw bulkFailure([...errors, ...bad]);
        return { added: out, failed: bad };
      },
    });
    const pins = await pinsRead;
    const created = added.map((rrset) =>
      this.lastView(domain, rrset, pins.get(pinKey(rrset.name, rrset.type)) ?? []),
    );
    if (created.length > 0) {
      await this.record(caller, domain, 'record.bulk_create', domain.id, undefined, {
        records: created,
      });
    }
    const all = [...errors, ...failed];
    return { created, errors: all.sort((a, b) => a.index - b.index) };
  }

  /** Deletes several records in one commit; an id that isn't there fails the whole request (404). */
  async deleteMany(
    caller: Caller,
    domain: Domain,
    access: PrincipalAccess,
    ids: readonly string[],
  ): Promise<number> {
    const zone = this.live(domain);
    const all = await this.list(domain, access, { includeSystem: true });
    const targets = ids.map((id) => {
      const found = all.find((r) => r.id === id);
      if (!found) throw new AppError('NOT_FOUND', `Record ${id} not found`);
      if (isPlatformManaged(found)) {
        throw new AppError('FORBIDDEN', 'The apex SOA and NS records are managed by the platform');
      }
      this.assertRecordAllowed(access, 'records:delete', domain, found.name, found.type);
      return found;
    });
    await this.queue.submit(zone, {
      names: targets.map((t) => t.name),
      apply: (ws: ZoneWorkingSet) => {
        for (const t of targets) {
          const current = ws.get(t.name, t.type);
          const remaining = current?.records.filter((r) => r.content !== t.content) ?? [];
          if (!current || remaining.length === current.records.length) {
            throw new AppError('NOT_FOUND', `Record ${t.id} not found`);
          }
          ws.put({ ...current, records: remaining });
        }
      },
    });
    await this.record(
      caller,
      domain,
      'record.bulk_delete',
      domain.id,
      { records: targets },
      undefined,
    );
    return targets.length;
  }

  /**
   * Changes a record's content, TTL (the whole rrset's) or disabled flag; its id stays the same (a
   * pin is stored before PowerDNS is written, so the id follows the record).
   */
  async update(
    caller: Caller,
    domain: Domain,
    access: PrincipalAccess,
    id: string,
    changes: { content?: string; ttl?: number; disabled?: boolean },
  ): Promise<RecordView> {
    const zone = this.live(domain);
    const target = await this.get(domain, access, id);
    this.assertRecordAllowed(access, 'records:update', domain, target.name, target.type);
    if (isPlatformManaged(target)) {
      throw new AppError('FORBIDDEN', 'The apex SOA and NS records are managed by the platform');
    }
    const prepared = this.prepare(domain, {
      name: target.name,
      type: target.type,
      content: changes.content ?? target.content,
      ttl: changes.ttl ?? target.ttl,
      disabled: changes.disabled ?? target.disabled,
    });
    const key: RrsetKey = { zoneId: domain.id, fqdn: target.name, type: target.type };
    const pins =
      (await this.pinsOf(domain, target.name, target.type)).get(pinKey(target.name, target.type)) ??
      [];
    const fromKey = recordContentKey(target.type, target.content, domain.name);
    const toKey = recordContentKey(target.type, prepared.content, domain.name);
    const nextPins =
      fromKey === toKey
        ? pins
        : pinsAfterContentChange(key, pins, { id, from: fromKey, to: toKey });
    if (nextPins !== pins) await this.savePins(domain, target.name, target.type, nextPins);
    const updated = await this.queue.submit(zone, {
      names: [target.name],
      apply: (ws: ZoneWorkingSet) => {
        const current = ws.get(target.name, target.type);
        const index = current?.records.findIndex((r) => r.content === target.content) ?? -1;
        if (!current || index < 0) throw AppError.notFound('Record');
        if (
          prepared.content !== target.content &&
          current.records.some((r) => r.content === prepared.content)
        ) {
          throw AppError.conflict({
            message: `This ${target.type} record already exists`,
            field: 'content',
            conflicts: [{ name: target.name, type: target.type, content: [prepared.content] }],
          });
        }
        const records = current.records.map((r, i) =>
          i === index ? { content: prepared.content, disabled: prepared.disabled } : r,
        );
        const next: WorkingRRSet = { ...current, ttl: prepared.ttl, records };
        const violations = checkRrsetChanges(domain.name, ws.at(target.name), [next]);
        if (violations.length > 0) throw new AppError(violations[0].code, violations[0]);
        ws.put(next);
        return this.views(domain, next, nextPins)[index];
      },
    });
    await this.record(caller, domain, 'record.update', id, target, updated);
    return updated;
  }

  /** Removes one record (its rrset goes when it was the last). */
  async delete(caller: Caller, domain: Domain, access: PrincipalAccess, id: string): Promise<void> {
    const zone = this.live(domain);
    const target = await this.get(domain, access, id);
    this.assertRecordAllowed(access, 'records:delete', domain, target.name, target.type);
    if (isPlatformManaged(target)) {
      throw new AppError('FORBIDDEN', 'The apex SOA and NS records are managed by the platform');
    }
    await this.queue.submit(zone, {
      names: [target.name],
      apply: (ws: ZoneWorkingSet) => {
        const current = ws.get(target.name, target.type);
        const remaining = current?.records.filter((r) => r.content !== target.content) ?? [];
        if (!current || remaining.length === current.records.length)
          throw AppError.notFound('Record');
        ws.put({ ...current, records: remaining });
      },
    });
    const pins =
      (await this.pinsOf(domain, target.name, target.type)).get(pinKey(target.name, target.type)) ??
      [];
    const gone = recordContentKey(target.type, target.content, domain.name);
    if (pins.some((p) => p.content === gone)) {
      await this.savePins(
        domain,
        target.name,
        target.type,
        pins.filter((p) => p.content !== gone),
      );
    }
    await this.record(caller, domain, 'record.delete', id, target, undefined);
  }

  /**
   * Adds one prepared record to the working zone, or throws the 409 that explains why not. Returns
   * the rrset as it now is: the new record is its last.
   */
  private addTo(
    ws: ZoneWorkingSet,
    domain: Domain,
    prepared: ReturnType<RecordService['prepare']>,
  ): WorkingRRSet {
    const current = ws.get(prepared.fqdn, prepared.type);
    if (current?.records.some((r) => r.content === prepared.content)) {
      throw AppError.conflict({
        message: `This ${prepared.type} record already exists`,
        field: 'content',
        conflicts: [{ name: prepared.fqdn, type: prepared.type, content: [prepared.content] }],
      });
    }
    const next: WorkingRRSet = {
      name: prepared.fqdn,
      type: prepared.type,
      ttl: prepared.ttl,
      records: [
        ...(current?.records ?? []),
        { content: prepared.content, disabled: prepared.disabled },
      ],
    };
    const violations = checkRrsetChanges(domain.name, ws.at(prepared.fqdn), [next]);
    if (violations.length > 0) {
      const [v] = violations;
      // The apex always holds SOA and NS: a CNAME there conflicts with them (409, as API.md has it).
      throw new AppError(v.rule === 'cname-at-apex' ? 'CONFLICT' : v.code, v);
    }
    ws.put(next);
    return next;
  }

  /** The view of an rrset's last record (the one `addTo` added). */
  private lastView(domain: Domain, rrset: WorkingRRSet, pins: readonly RecordIdPin[]): RecordView {
    const views = this.views(domain, rrset, pins);
    return views[views.length - 1];
  }

  /** A read started early and awaited later: until then, its failure must not go unhandled. */
  private settled<T>(read: Promise<T>): Promise<T> {
    read.catch(() => undefined);
    return read;
  }

  /** Grants may be fenced to some names and types: every write is checked record by record. */
  private assertRecordAllowed(
    access: PrincipalAccess,
    permission: string,
    domain: Domain,
    fqdn: string,
    type: string,
  ): void {
    const target = {
      tenantId: domain.tenantId,
      partnerId: domain.tenant?.partnerId ?? null,
      domainId: domain.id,
      recordName: relativeName(fqdn, domain.name),
      recordType: type,
    };
    if (!isAllowed(access, permission, target, new Date())) {
      throw new AppError(
        'FORBIDDEN',
        `Permission ${permission} is required for ${type} ${target.recordName}`,
      );
    }
  }

  private prepare(domain: Domain, input: NewRecord) {
    const type = input.type.trim().toUpperCase();
    const name = normalizeRecordName(input.name, domain.name);
    if ('error' in name)
      throw new AppError('UNPROCESSABLE', { message: name.error, field: 'name' });
    const content = canonicalContent(type, input.content, domain.name);
    if ('error' in content)
      throw new AppError('UNPROCESSABLE', { message: content.error, field: 'content' });
    const ttl = validateTtl(input.ttl ?? domain.defaultTtl, {
      min: this.config.records.ttlMin,
      max: this.config.records.ttlMax,
    });
    if ('error' in ttl) throw new AppError('UNPROCESSABLE', { message: ttl.error, field: 'ttl' });
    return {
      fqdn: name.fqdn,
      type,
      content: content.content,
      ttl: ttl.ttl,
      disabled: input.disabled ?? false,
    };
  }

  /** The records of an rrset with their ids: derived, or pinned where a PATCH changed content. */
  private views(
    domain: Domain,
    rrset: {
      name: string;
      type: string;
      ttl: number;
      records: readonly { content: string; disabled: boolean }[];
    },
    pins: readonly RecordIdPin[],
  ): RecordView[] {
    const key: RrsetKey = { zoneId: domain.id, fqdn: rrset.name, type: rrset.type };
    const { ids } = assignRecordIds(
      key,
      rrset.records.map((r) => recordContentKey(rrset.type, r.content, domain.name)),
      pins,
    );
    return rrset.records.map((record, i) => ({
      id: ids[i],
      name: rrset.name,
      displayName: relativeName(rrset.name, domain.name),
      type: rrset.type,
      content: record.content,
      ttl: rrset.ttl,
      disabled: record.disabled,
    }));
  }

  /** Pins of a zone (or of one rrset), keyed by `name|type`. */
  private async pinsOf(
    domain: Domain,
    fqdn?: string,
    type?: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, RecordIdPin[]>> {
    // Plain SQL: this runs on every record write, and TypeORM's find costs more CPU than MariaDB.
    const rows = await manager.query<
      { fqdn: string; type: string; content: string; record_id: string }[]
    >(
      fqdn && type
        ? 'SELECT fqdn, type, content, record_id FROM record_id_pins WHERE domain_id = ? AND fqdn = ? AND type = ?'
        : 'SELECT fqdn, type, content, record_id FROM record_id_pins WHERE domain_id = ?',
      fqdn && type ? [domain.id, fqdn, type] : [domain.id],
    );
    const out = new Map<string, RecordIdPin[]>();
    for (const row of rows) {
      const key = pinKey(row.fqdn, row.type);
      out.set(key, [...(out.get(key) ?? []), { content: row.content, id: row.record_id }]);
    }
    return out;
  }

  /** The zone's pins through the cache (creates: the hot path); other paths read them fresh. */
  private cachedPins(domain: Domain): Promise<ReadonlyMap<string, RecordIdPin[]>> {
    return this.pinCache.get(domain.id, () => this.pinsOf(domain));
  }

  /** Stores an rrset's pins (all of them, replacing what it had). */
  private async savePins(
    domain: Domain,
    fqdn: string,
    type: string,
    pins: readonly RecordIdPin[],
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(RecordIdPinRow, { domainId: domain.id, fqdn, type });
      for (const pin of pins) {
        await manager.save(
          manager.create(RecordIdPinRow, {
            domainId: domain.id,
            fqdn,
            type,
            content: pin.content,
            contentHash: createHash('sha256').update(pin.content).digest('hex'),
            recordId: pin.id,
          }),
        );
      }
    });
    // Committed: processes holding this zone's pins in memory must read them again. Without this
    // a create could give a new record an id that a pinned record already carries.
    await this.pinCache.changed(domain.id);
  }

  private live(domain: Domain): string {
    if (domain.status !== 'active' || !domain.pdnsZoneId) {
      throw AppError.conflict(
        `Domain is ${domain.status}: records can be managed once it is active`,
      );
    }
    return domain.pdnsZoneId;
  }

  private async record(
    caller: Caller,
    domain: Domain,
    action: string,
    id: string,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    // The change is already committed in PowerDNS: the entry has no transaction to join.
    await this.audit.append({
      tenantId: domain.tenantId,
      actor: auditActorOf(caller),
      origin: auditOriginOf(caller),
      action,
      resourceType: 'record',
      resourceId: id,
      resourceName: domain.name,
      before,
      after,
      extra: { domain_id: domain.id, ...auditCallerExtra(caller) },
    });
  }
}
