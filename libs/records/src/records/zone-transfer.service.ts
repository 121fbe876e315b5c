import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { AppError, type Domain } from '@app/core';
import { auditEntryBy, type ZoneAccess } from '@app/identity';
import {
  canonicalContent,
  RecordRules,
  rrsetAfter,
  validateTtl,
  type ZoneWorkingSet,
  ZoneWriter,
  managedZoneId,
  isPlatformManaged,
} from '@app/zones';
import { parseBindZone } from '../zonefile/bind-parser';
import { bindZoneChunks } from '../zonefile/bind-writer';
import { csvZoneChunks, parseCsvZone } from '../zonefile/csv-format';
import { type ImportMode, type ImportPlan, planImport } from '../zonefile/import-plan';
import { jsonZoneChunks, parseJsonZone } from '../zonefile/json-format';
import { RecordService } from './record.service';
import type { ParsedRecord, ZoneRrset } from '../zonefile/zone-file.types';

export type ZoneFileFormat = 'bind' | 'json' | 'csv';

/**
 * Most records one import may carry: one PowerDNS commit (PowerDNS's body limit is raised for it,
 * and the PATCH's timeout grows with its size: see PATCH_MS_PER_RRSET).
 */
export const MAX_IMPORT_RECORDS = 100_000;

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

const ZONE_FILE_WRITERS: Record<
  ZoneFileFormat,
  (zone: string, rrsets: readonly ZoneRrset[]) => Iterable<string>
> = { bind: bindZoneChunks, json: jsonZoneChunks, csv: csvZoneChunks };

const FILE_EXTENSION: Record<ZoneFileFormat, string> = { bind: 'zone', json: 'json', csv: 'csv' };
const MEDIA_TYPE: Record<ZoneFileFormat, string> = {
  bind: 'text/plain; charset=utf-8',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/**
 * Zone import and export. An import is parsed and validated in full first (any bad line: 400 with every
 * error, nothing written), then planned and committed as ONE change through the zone writer — the plan
 * is made again under the zone's lock against what PowerDNS holds then, so a write that landed in
 * between is neither lost nor duplicated. `preview` plans against the current zone and writes nothing.
 *
 * Both see the zone through the caller's access: export holds only the records the caller may read;
 * an import may add, change and (replace mode) remove only records the caller may create, update and
 * delete, and replace mode replaces only the part of the zone the caller can see.
 */
@Injectable()
export class ZoneTransferService {
  constructor(
    private readonly writer: ZoneWriter,
    private readonly rules: RecordRules,
    private readonly audit: AuditService,
    private readonly records: RecordService,
  ) {}

  async import(zone: ZoneAccess, request: ImportRequest): Promise<ImportOutcome> {
    const { domain } = zone;
    managedZoneId(domain);
    const incoming = this.parse(domain, request);
    const canonical = (type: string, content: string): string => {
      const c = canonicalContent(type, content, domain.name);
      return 'content' in c ? c.content : content;
    };
    const visible = zone.fence('records:read');
    const options = {
      zone: `${domain.name}.`,
      canonical,
      scope: (name: string, type: string) => visible.admits(name, type),
    };
    const plan = (rrsets: readonly ZoneRrset[]): ImportPlan => {
      const planned = planImport(rrsets, incoming, request.mode, options);
      for (const r of planned.added) zone.assertRecord('records:create', r.name, r.type);
      for (const r of planned.updated) zone.assertRecord('records:update', r.name, r.type);
      for (const r of planned.removed) zone.assertRecord('records:delete', r.name, r.type);
      return planned;
    };
    if (request.preview) {
      const { changes: _changes, ...summary } = plan(await this.currentRrsets(domain));
      return { preview: true, plan: summary };
    }
    // Replace mode removes what the file lacks: it reads the whole zone; the others only the names
    // the file holds.
    const committed = await this.writer.submit(zone, {
      names: [...new Set(incoming.map((r) => r.name))],
      wholeZone: request.mode === 'replace',
      apply: (ws: ZoneWorkingSet) => {
        const planned = plan(ws.all());
        for (const change of planned.changes) ws.put(rrsetAfter(change, domain.defaultTtl));
        return planned;
      },
      audit: (planned) => [
        auditEntryBy(zone.caller, {
          tenantId: domain.tenantId,
          action: 'record.import',
          resourceType: 'domain',
          resourceId: domain.id,
          resourceName: domain.name,
          after: {
            format: request.format,
            mode: request.mode,
            added: planned.added.length,
            removed: planned.removed.length,
            updated: planned.updated.length,
            unchanged: planned.unchanged.length,
            conflicts: planned.conflicts.length,
          },
        }),
      ],
    });
    const { changes: _changes, ...summary } = committed;
    return { preview: false, plan: summary };
  }

  /**
   * The zone as a file (the records the caller may read): its pieces, made as they are asked for
   * (see bindZoneChunks), its file name and media type. Read from the zone's index (the records
   * list's copy, current as of now), so a 100k-record export holds one array of rrsets beside it,
   * never the file's text. Audited before the first piece is made.
   */
  async export(
    zone: ZoneAccess,
    format: ZoneFileFormat,
  ): Promise<{ chunks: Iterable<string>; filename: string; mediaType: string }> {
    const { domain } = zone;
    managedZoneId(domain);
    const readable = zone.fence('records:read');
    const rrsets = (await this.currentRrsets(domain)).filter((r) =>
      readable.admits(r.name, r.type),
    );
    await this.audit.append(
      auditEntryBy(zone.caller, {
        tenantId: domain.tenantId,
        action: 'domain.export',
        resourceType: 'domain',
        resourceId: domain.id,
        resourceName: domain.name,
        after: { format, rrsets: rrsets.length },
      }),
    );
    return {
      chunks: ZONE_FILE_WRITERS[format](domain.name, rrsets),
      filename: `${domain.name}.${FILE_EXTENSION[format]}`,
      mediaType: MEDIA_TYPE[format],
    };
  }

  /** Parses and validates every record; any problem is a 400 listing them all (by line). */
  private parse(domain: Domain, request: ImportRequest): ParsedRecord[] {
    const options = { origin: `${domain.name}.`, defaultTtl: domain.defaultTtl };
    const parsed =
      request.format === 'bind'
        ? parseBindZone(request.content, options)
        : request.format === 'json'
          ? parseJsonZone(request.content, options)
          : parseCsvZone(request.content, options);
    const errors = [...parsed.errors];
    // The apex SOA and NS of a file (an export has them) are skipped, not imported: not counted.
    const importable = parsed.records.filter((r) => !isPlatformManaged(r, domain.name)).length;
    if (importable > MAX_IMPORT_RECORDS) {
      throw new AppError('PAYLOAD_TOO_LARGE', `At most ${MAX_IMPORT_RECORDS} records per import`);
    }
    const records: ParsedRecord[] = [];
    for (const record of parsed.records) {
      const c = canonicalContent(record.type, record.content, domain.name);
      if ('error' in c) {
        errors.push({ line: record.line, message: c.error });
        continue;
      }
      const ttl = validateTtl(record.ttl, this.rules.ttlBounds);
      if ('error' in ttl) errors.push({ line: record.line, message: ttl.error });
      else records.push({ ...record, content: c.content });
    }
    if (errors.length > 0) {
      throw new AppError('BAD_REQUEST', {
        message: `The ${request.format} file has ${errors.length} error(s); nothing was imported`,
        field: 'content',
        errors: errors.sort((a, b) => a.line - b.line).slice(0, 200),
      });
    }
    return records;
  }

  /** The zone's rrsets as they are now, from its index (see RecordService.indexed). */
  private async currentRrsets(domain: Domain): Promise<ZoneRrset[]> {
    return (await this.records.indexed(domain)).rrsetList().map((records) => {
      const [first] = records;
      return { name: first.name, type: first.type, ttl: first.ttl, records };
    });
  }
}
