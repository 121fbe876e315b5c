import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { AppError, type Domain } from '@app/core';
import { auditActorOf, auditCallerExtra, auditOriginOf, type Caller } from '@app/identity';
import { PdnsClient } from '@app/pdns-client';
import type { DataSource } from 'typeorm';
import { canonicalContent } from '../content/record-content';
import { rrsetAfter, type ZoneWorkingSet } from '../write/zone-working-set';
import { ZoneWriteQueue } from '../write/zone-write-queue';
import { parseBindZone } from '../zonefile/bind-parser';
import { writeBindZone } from '../zonefile/bind-writer';
import { parseCsvZone, writeCsvZone } from '../zonefile/csv-format';
import { type ImportMode, type ImportPlan, planImport } from '../zonefile/import-plan';
import { parseJsonZone, writeJsonZone } from '../zonefile/json-format';
import type { ParsedRecord, ZoneRrset } from '../zonefile/zone-file.types';

export type ZoneFileFormat = 'bind' | 'json' | 'csv';

/** Most records one import may carry (one PowerDNS commit; PowerDNS's body limit is raised for it). */
export const MAX_IMPORT_RECORDS = 20_000;

export interface ImportRequest {
  readonly format: ZoneFileFormat;
  readonly content: string;
  readonly mode: ImportMode;
  readonly preview: boolean;
}

export interface ImportOutcome {
  readonly preview: boolean;
  readonly plan: Omit<ImportPlan, 'changes'>;
}

const FILE_EXTENSION: Record<ZoneFileFormat, string> = { bind: 'zone', json: 'json', csv: 'csv' };
const MEDIA_TYPE: Record<ZoneFileFormat, string> = {
  bind: 'text/dns; charset=utf-8',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/**
 * Zone import and export. An import is parsed and validated in full first (any bad line: 422 with every
 * error, nothing written), then planned and committed as ONE change through the zone's queue — the plan
 * is made again under the zone's lock against what PowerDNS holds then, so a write that landed in
 * between is neither lost nor duplicated. `preview` plans against the current zone and writes nothing.
 */
@Injectable()
export class ZoneTransferService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pdns: PdnsClient,
    private readonly queue: ZoneWriteQueue,
    private readonly audit: AuditService,
  ) {}

  async import(caller: Caller, domain: Domain, request: ImportRequest): Promise<ImportOutcome> {
    const zoneId = this.live(domain);
    const incoming = this.parse(domain, request);
    const canonical = (type: string, content: string): string => {
      const c = canonicalContent(type, content, domain.name);
      return 'content' in c ? c.content : content;
    };
    const options = { zone: `${domain.name}.`, canonical };
    const current = await this.currentRrsets(zoneId);
    if (request.preview) {
      const { changes: _changes, ...plan } = planImport(current, incoming, request.mode, options);
      return { preview: true, plan };
    }
    const names = [...new Set([...current.map((r) => r.name), ...incoming.map((r) => r.name)])];
    const plan = await this.queue.submit(zoneId, {
      names,
      apply: (ws: ZoneWorkingSet) => {
        const now = ws.all();
        const planned = planImport(now, incoming, request.mode, options);
        for (const change of planned.changes) ws.put(rrsetAfter(change, domain.defaultTtl));
        return planned;
      },
    });
    const { changes: _changes, ...summary } = plan;
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, {
        tenantId: domain.tenantId,
        actor: auditActorOf(caller),
        origin: auditOriginOf(caller),
        action: 'record.import',
        resourceType: 'domain',
        resourceId: domain.id,
        resourceName: domain.name,
        after: {
          format: request.format,
          mode: request.mode,
          added: summary.added.length,
          removed: summary.removed.length,
          updated: summary.updated.length,
          unchanged: summary.unchanged.length,
          conflicts: summary.conflicts.length,
        },
        extra: auditCallerExtra(caller),
      }),
    );
    return { preview: false, plan: summary };
  }

  /** The zone as a file: its text, file name and media type. */
  async export(
    caller: Caller,
    domain: Domain,
    format: ZoneFileFormat,
  ): Promise<{ body: string; filename: string; mediaType: string }> {
    const rrsets = await this.currentRrsets(this.live(domain));
    const body =
      format === 'bind'
        ? writeBindZone(domain.name, rrsets)
        : format === 'json'
          ? writeJsonZone(domain.name, rrsets)
          : writeCsvZone(domain.name, rrsets);
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, {
        tenantId: domain.tenantId,
        actor: auditActorOf(caller),
        origin: auditOriginOf(caller),
        action: 'domain.export',
        resourceType: 'domain',
        resourceId: domain.id,
        resourceName: domain.name,
        after: { format, rrsets: rrsets.length },
        extra: auditCallerExtra(caller),
      }),
    );
    return {
      body,
      filename: `${domain.name}.${FILE_EXTENSION[format]}`,
      mediaType: MEDIA_TYPE[format],
    };
  }

  /** Parses and validates every record; any problem is a 422 listing them all (by line). */
  private parse(domain: Domain, request: ImportRequest): ParsedRecord[] {
    const options = { origin: `${domain.name}.`, defaultTtl: domain.defaultTtl };
    const parsed =
      request.format === 'bind'
        ? parseBindZone(request.content, options)
        : request.format === 'json'
          ? parseJsonZone(request.content, options)
          : parseCsvZone(request.content, options);
    const errors = [...parsed.errors];
    if (parsed.records.length > MAX_IMPORT_RECORDS) {
      throw new AppError('PAYLOAD_TOO_LARGE', `At most ${MAX_IMPORT_RECORDS} records per import`);
    }
    const records: ParsedRecord[] = [];
    for (const record of parsed.records) {
      const c = canonicalContent(record.type, record.content, domain.name);
      if ('error' in c) errors.push({ line: record.line, message: c.error });
      else records.push({ ...record, content: c.content });
    }
    if (errors.length > 0) {
      throw new AppError('UNPROCESSABLE', {
        message: `The ${request.format} file has ${errors.length} error(s); nothing was imported`,
        field: 'content',
        errors: errors.sort((a, b) => a.line - b.line).slice(0, 200),
      });
    }
    return records;
  }

  private async currentRrsets(zoneId: string): Promise<ZoneRrset[]> {
    const zone = await this.pdns.getZone(zoneId, { rrsets: true });
    return (zone.rrsets ?? []).map((r) => ({
      name: r.name,
      type: r.type,
      ttl: r.ttl,
      records: r.records.map((rec) => ({ content: rec.content, disabled: rec.disabled })),
    }));
  }

  private live(domain: Domain): string {
    if (domain.status !== 'active' || !domain.pdnsZoneId) {
      throw AppError.conflict(
        `Domain is ${domain.status}: its records can be imported or exported once it is active`,
      );
    }
    return domain.pdnsZoneId;
  }
}
