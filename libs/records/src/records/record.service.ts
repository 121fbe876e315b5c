import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { AppError, type Domain, RecordIdPinRow, relativeName, inTransaction } from '@app/core';
import { auditEntryBy, type Permission, type ZoneAccess } from '@app/identity';
import type { AuditEntryInput } from '@app/audit';
import {
  isPlatformManaged,
  type PreparedRecord,
  RecordRules,
  type RecordInput,
  type WorkingRRSet,
  type ZoneWorkingSet,
  ZoneWriter,
  managedZoneId,
} from '@app/zones';
import type { DataSource, EntityManager } from 'typeorm';
import {
  assignRecordIds,
  pinsAfterContentChange,
  type RecordIdPin,
  recordContentKey,
  type RrsetKey,
} from '../ids/record-id';
import { PinCache } from '../ids/pin-cache';
import { type IndexedRecord, type ZoneRecords } from '../read/zone-records';
import { RecordReader } from '../read/record-reader';
import { loadStampsOf, type RecordStamps, stampKey } from '../ids/record-stamps';

/** A record as the API shows it: one line of an rrset, with an id ScaiDNS derives. */
export interface RecordView extends Omit<IndexedRecord, 'system'> {
  /** When ScaiDNS created it (the commit that added it); null for a record it never wrote. */
  readonly createdAt: Date | null;
}

export type NewRecord = RecordInput;

/** A record in an audit entry, as the API shows it (snake_case, the zone's id beside it). */
export function recordAuditView(r: RecordView, domainId: string): Record<string, unknown> {
  return {
    id: r.id,
    name: r.name,
    display_name: r.displayName,
    type: r.type,
    content: r.content,
    ttl: r.ttl,
    disabled: r.disabled,
    domain_id: domainId,
  };
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

/** A record that could not be written, and whether only a conflict (already there, CNAME) stopped it. */
interface FailedRecord extends BulkError {
  readonly conflict: boolean;
}

function bulkError(index: number, error: unknown): FailedRecord {
  if (error instanceof AppError) {
    const detail = error.detail;
    const conflict = error.code === 'CONFLICT';
    return typeof detail === 'string'
      ? { index, message: detail, conflict }
      : { index, message: detail.message, field: detail.field, conflict };
  }
  throw error;
}

function withoutFlag({ conflict: _conflict, ...error }: FailedRecord): BulkError {
  return error;
}

/**
 * An atomic bulk that wrote nothing: 409 when every failure is a conflict with what the zone holds
 * (the same bulk sent twice, a racing duplicate), as a single create would answer; 400 otherwise.
 */
function bulkFailure(errors: readonly FailedRecord[]): AppError {
  const conflictsOnly = errors.every((e) => e.conflict);
  return new AppError(conflictsOnly ? 'CONFLICT' : 'BAD_REQUEST', {
    message: conflictsOnly
      ? `${errors.length} record(s) conflict with the zone; nothing was written`
      : `${errors.length} record(s) are invalid; nothing was written`,
    errors: [...errors].sort((a, b) => a.index - b.index).map(withoutFlag),
  });
}

export interface RecordFilter {
  readonly type?: string;
  readonly name?: string;
  readonly includeSystem: boolean;
  /**
   * Whose fence decides which records are there (default records:read): a record the caller may
   * delete is found for deleting by its id even when the caller may not read the zone's records.
   */
  readonly reach?: Permission;
}

const pinKey = (fqdn: string, type: string): string =>
  `${fqdn.toLowerCase()}|${type.toUpperCase()}`;

const PLATFORM_MANAGED = 'The apex SOA and NS records are managed by the platform';

/**
 * Records of a zone, on PowerDNS rrsets. Reads come from the zone's index (RecordReader); every
 * write goes through the zone writer (one commit for many changes) and is answered only once
 * PowerDNS has committed it. Every
 * method takes the caller's access to the zone first and checks or filters each record with it.
 * Ids are derived from (zone, name, type, content): stable across reads and across TTL or
 * `disabled` changes.
 */
@Injectable()
export class RecordService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: ZoneWriter,
    private readonly rules: RecordRules,
    private readonly pinCache: PinCache,
    private readonly reader: RecordReader,
  ) {}

  /** The records the caller may read, sorted by name, type and content. */
  async list(zone: ZoneAccess, filter: RecordFilter): Promise<RecordView[]> {
    return (await this.page(zone, filter)).rows;
  }

  /**
   * A page of the records the caller may read (sorted by name, type and content), and how many
   * there are: from the zone's index (RecordReader), so its cost is the page's, not the zone's.
   */
  async page(
    zone: ZoneAccess,
    filter: RecordFilter,
    offset = 0,
    limit = Number.MAX_SAFE_INTEGER,
  ): Promise<{ rows: RecordView[]; total: number }> {
    const records = await this.indexed(zone.domain);
    const { rows, total } = records.select(
      { ...filter, fence: zone.fence(filter.reach ?? 'records:read') },
      offset,
      limit,
    );
    return { rows: await this.withStamps(zone.domain, rows), total };
  }

  /** The zone's records as they are now, indexed (the read path's copy: see RecordReader). */
  async indexed(domain: Domain): Promise<ZoneRecords> {
    return this.reader.records(domain, await this.cachedPins(domain));
  }

  /** One record the caller may read (404 for one it may not). */
  async get(zone: ZoneAccess, id: string, reach: Permission = 'records:read'): Promise<RecordView> {
    const records = await this.indexed(zone.domain);
    const found = records.get(id);
    if (!found || !zone.fence(reach).admits(found.name, found.type)) {
      throw AppError.notFound('Record');
    }
    const [view] = await this.withStamps(zone.domain, [found]);
    return view;
  }

  /** Validates, then adds the record to its rrset through the zone writer. */
  async create(zone: ZoneAccess, input: NewRecord): Promise<RecordView> {
    const { domain } = zone;
    managedZoneId(domain);
    const prepared = this.prepare(zone, input);
    zone.assertRecord('records:create', prepared.fqdn, prepared.type);
    // The id needs the rrset's pins (from memory, normally), read while the writer takes the zone's
    // lock; the audit entry is made in the commit.
    return this.writer.submit(zone, {
      names: [prepared.fqdn],
      prepared: this.cachedPins(domain).then(
        (pins) => pins.get(pinKey(prepared.fqdn, prepared.type)) ?? [],
      ),
      apply: (ws: ZoneWorkingSet, pins: readonly RecordIdPin[]) =>
        this.lastView(domain, this.addTo(ws, prepared), pins, ws.now),
      audit: (created) => [this.recordEntry(zone, 'record.create', created, undefined, created)],
    });
  }

  /**
   * Many records in one commit (one PATCH). Atomic by default: one bad record and nothing is written.
   * With `continueOnError` the good ones are written and each failure is reported with its index.
   */
  async createMany(
    zone: ZoneAccess,
    inputs: readonly NewRecord[],
    continueOnError: boolean,
  ): Promise<BulkResult> {
    const { domain } = zone;
    managedZoneId(domain);
    if (inputs.length > MAX_BULK_RECORDS) {
      throw new AppError('PAYLOAD_TOO_LARGE', `At most ${MAX_BULK_RECORDS} records per request`);
    }
    const errors: FailedRecord[] = [];
    const prepared: (PreparedRecord & { index: number })[] = [];
    inputs.forEach((input, index) => {
      try {
        prepared.push({ ...this.prepare(zone, input), index });
      } catch (error) {
        errors.push(bulkError(index, error));
      }
    });
    // A record outside the caller's access refuses the request (403), whatever continue_on_error
    // says: that is not a mistake in the record but in who sends it.
    for (const p of prepared) zone.assertRecord('records:create', p.fqdn, p.type);
    if (errors.length > 0 && !continueOnError) throw bulkFailure(errors);
    const pins = await this.cachedPins(domain);
    // `apply` may run more than once (a commit PowerDNS refuses is retried change by change), so it
    // reports its own failures instead of adding to `errors`.
    const { created, failed } = await this.writer.submit(zone, {
      names: prepared.map((p) => p.fqdn),
      apply: (ws: ZoneWorkingSet) => {
        const out: RecordView[] = [];
        const bad: FailedRecord[] = [];
        for (const p of prepared) {
          try {
            const rrset = ws.attempt((trial) => this.addTo(trial, p));
            out.push(
              this.lastView(domain, rrset, pins.get(pinKey(rrset.name, rrset.type)) ?? [], ws.now),
            );
          } catch (error) {
            bad.push(bulkError(p.index, error));
          }
        }
        if (bad.length > 0 && !continueOnError) throw bulkFailure([...errors, ...bad]);
        return { created: out, failed: bad };
      },
      audit: (result) =>
        result.created.length > 0
          ? [this.bulkEntry(zone, 'record.bulk_create', undefined, result.created)]
          : [],
    });
    const all = [...errors, ...failed].map(withoutFlag);
    return { created, errors: all.sort((a, b) => a.index - b.index) };
  }

  /** Deletes several records in one commit; an id that isn't there fails the whole request (404). */
  async deleteMany(zone: ZoneAccess, ids: readonly string[]): Promise<number> {
    const { domain } = zone;
    const all = await this.list(zone, { includeSystem: true, reach: 'records:delete' });
    const targets = ids.map((id) => {
      const found = all.find((r) => r.id === id);
      if (!found) throw new AppError('NOT_FOUND', `Record ${id} not found`);
      if (isPlatformManaged(found, domain.name)) throw new AppError('FORBIDDEN', PLATFORM_MANAGED);
      zone.assertRecord('records:delete', found.name, found.type);
      return found;
    });
    await this.writer.submit(zone, {
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
      audit: () => [this.bulkEntry(zone, 'record.bulk_delete', targets, undefined)],
    });
    return targets.length;
  }

  /**
   * Changes a record's content, TTL (the whole rrset's) or disabled flag; its id stays the same (a
   * pin is stored before PowerDNS is written, so the id follows the record).
   */
  async update(
    zone: ZoneAccess,
    id: string,
    changes: { content?: string; ttl?: number; disabled?: boolean },
  ): Promise<RecordView> {
    const { domain } = zone;
    const target = await this.get(zone, id, 'records:update');
    zone.assertRecord('records:update', target.name, target.type);
    if (isPlatformManaged(target, domain.name)) throw new AppError('FORBIDDEN', PLATFORM_MANAGED);
    const prepared = this.prepare(zone, {
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
    const updated = await this.writer.submit(zone, {
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
        ws.put(next);
        // The same record with new content: it keeps its creation time, as it keeps its id.
        ws.carry(target.name, target.type, target.content, prepared.content);
        return { ...this.views(domain, next, nextPins)[index], createdAt: target.createdAt };
      },
      audit: (view) => [this.recordEntry(zone, 'record.update', target, target, view)],
    });
    return updated;
  }

  /** Removes one record (its rrset goes when it was the last). */
  async delete(zone: ZoneAccess, id: string): Promise<void> {
    const { domain } = zone;
    const target = await this.get(zone, id, 'records:delete');
    zone.assertRecord('records:delete', target.name, target.type);
    if (isPlatformManaged(target, domain.name)) throw new AppError('FORBIDDEN', PLATFORM_MANAGED);
    await this.writer.submit(zone, {
      names: [target.name],
      apply: (ws: ZoneWorkingSet) => {
        const current = ws.get(target.name, target.type);
        const remaining = current?.records.filter((r) => r.content !== target.content) ?? [];
        if (!current || remaining.length === current.records.length)
          throw AppError.notFound('Record');
        ws.put({ ...current, records: remaining });
      },
      audit: () => [this.recordEntry(zone, 'record.delete', target, target, undefined)],
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
  }

  /**
   * Adds one prepared record to the working zone, or throws the 409 that explains why not. Returns
   * the rrset as it now is: the new record is its last.
   */
  private addTo(ws: ZoneWorkingSet, prepared: PreparedRecord): WorkingRRSet {
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
    ws.put(next);
    return next;
  }

  /** The view of an rrset's last record (the one `addTo` added, in the commit made at `now`). */
  private lastView(
    domain: Domain,
    rrset: WorkingRRSet,
    pins: readonly RecordIdPin[],
    now: Date,
  ): RecordView {
    const views = this.views(domain, rrset, pins);
    return { ...views[views.length - 1], createdAt: now };
  }

  private prepare(zone: ZoneAccess, input: NewRecord): PreparedRecord {
    return this.rules.prepare(zone.domain.name, input, zone.domain.defaultTtl);
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
    stamps: RecordStamps = new Map(),
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
      createdAt: stamps.get(stampKey(domain.id, rrset.name, rrset.type, record.content)) ?? null,
    }));
  }

  /** Records as the API shows them: with their creation times, read for these records only. */
  private async withStamps(domain: Domain, rows: readonly IndexedRecord[]): Promise<RecordView[]> {
    const stamps = await loadStampsOf(this.dataSource, domain.id, rows);
    return rows.map(({ system: _system, ...r }) => ({
      ...r,
      createdAt: stamps.get(stampKey(domain.id, r.name, r.type, r.content)) ?? null,
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
    await inTransaction(
      this.dataSource,
      async (manager) => {
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
      },
      // Replaces the whole set: a racing save of the same rrset that inserted first is simply replaced.
      { retryOnDuplicate: true },
    );
    // Committed: processes holding this zone's pins in memory must read them again. Without this
    // a create could give a new record an id that a pinned record already carries.
    await this.pinCache.changed(domain.id);
  }

  /**
   * The audit entry of a change to one record, made in the commit (see ZoneChange.audit): named as a
   * person reads it (`www.example.com A`), before and after as the API shows the record.
   */
  private recordEntry(
    zone: ZoneAccess,
    action: string,
    record: RecordView,
    before: RecordView | undefined,
    after: RecordView | undefined,
  ): AuditEntryInput {
    const { domain } = zone;
    return auditEntryBy(zone.caller, {
      tenantId: domain.tenantId,
      action,
      resourceType: 'record',
      resourceId: record.id,
      resourceName: `${record.name.replace(/\.$/, '')} ${record.type}`,
      before: before && recordAuditView(before, domain.id),
      after: after && recordAuditView(after, domain.id),
      extra: { domain_id: domain.id },
    });
  }

  /** The audit entry of a bulk change: one per request, about the zone, listing the records. */
  private bulkEntry(
    zone: ZoneAccess,
    action: string,
    before: readonly RecordView[] | undefined,
    after: readonly RecordView[] | undefined,
  ): AuditEntryInput {
    const { domain } = zone;
    const listed = (records: readonly RecordView[] | undefined) =>
      records && { records: records.map((r) => recordAuditView(r, domain.id)) };
    return auditEntryBy(zone.caller, {
      tenantId: domain.tenantId,
      action,
      resourceType: 'record',
      resourceId: domain.id,
      resourceName: domain.name,
      before: listed(before),
      after: listed(after),
      extra: { domain_id: domain.id },
    });
  }
}
