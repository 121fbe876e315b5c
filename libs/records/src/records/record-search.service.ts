import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppError, Domain, RecordIdPinRow, relativeName } from '@app/core';
import { type Caller, type PrincipalAccess, type RecordFence, ZoneAccess } from '@app/identity';
import { PdnsClient } from '@app/pdns-client';
import { type DataSource, In } from 'typeorm';
import { assignRecordIds, recordContentKey } from '../ids/record-id';
import { loadRecordStamps, stampKey } from '../ids/record-stamps';

export interface FoundRecord {
  readonly id: string;
  readonly domainId: string;
  readonly zone: string;
  readonly name: string;
  readonly displayName: string;
  readonly type: string;
  readonly content: string;
  readonly ttl: number;
  readonly disabled: boolean;
  /** When ScaiDNS created it; null for a record it never wrote. */
  readonly createdAt: Date | null;
}

/** PowerDNS's own search returns at most this many rows before ScaiDNS filters them. */
const SEARCH_LIMIT = 2000;

/**
 * Finds records by name or content across the zones the caller may read (or in one zone), with
 * PowerDNS's search-data index: one query for every zone, then only what the caller may see.
 */
@Injectable()
export class RecordSearchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pdns: PdnsClient,
  ) {}

  /** Across every zone the caller may read records of. */
  search(
    caller: Caller,
    access: PrincipalAccess,
    query: string,
    options: { type?: string; max: number },
  ): Promise<FoundRecord[]> {
    return this.find(query, options, (domain) =>
      ZoneAccess.of(caller, access, domain).fence('records:read'),
    );
  }

  /** In one zone, among the records the caller may read there. */
  searchZone(
    zone: ZoneAccess,
    query: string,
    options: { type?: string; max: number },
  ): Promise<FoundRecord[]> {
    const readable = zone.fence('records:read');
    return this.find(query, { ...options, domain: zone.domain }, (domain) =>
      domain.id === zone.domain.id ? readable : null,
    );
  }

  private async find(
    query: string,
    options: { type?: string; domain?: Domain; max: number },
    fenceOf: (domain: Domain) => RecordFence | null,
  ): Promise<FoundRecord[]> {
    // PowerDNS treats * and ? as wildcards: a search is always "contains" the text asked for.
    const text = query.replace(/[*?]/g, '').trim().toLowerCase();
    if (text.length < 2) throw AppError.badRequest('query must hold at least 2 characters');
    const rows = (
      await this.pdns.searchData(`*${text}*`, { max: SEARCH_LIMIT, objectType: 'record' })
    ).filter(
      (r) =>
        r.object_type === 'record' &&
        r.type !== undefined &&
        r.content !== undefined &&
        (!options.type || r.type === options.type.toUpperCase()) &&
        (!options.domain || r.zone === `${options.domain.name}.`),
    );
    const zoneNames = [...new Set(rows.map((r) => (r.zone ?? '').replace(/\.$/, '')))];
    if (zoneNames.length === 0) return [];
    const domains = await this.dataSource.getRepository(Domain).find({
      where: { name: In(zoneNames), status: In(['active', 'pending_validation']) },
      relations: { tenant: true },
    });
    const byZone = new Map(domains.map((d) => [`${d.name}.`, d]));
    const [pins, stamps] = await Promise.all([
      this.dataSource
        .getRepository(RecordIdPinRow)
        .find({ where: { domainId: In(domains.map((d) => d.id)) } }),
      loadRecordStamps(
        this.dataSource,
        domains.map((d) => d.id),
      ),
    ]);
    const fences = new Map(domains.map((d) => [d.id, fenceOf(d)]));
    const out: FoundRecord[] = [];
    for (const row of rows) {
      const domain = byZone.get(row.zone ?? '');
      if (!domain || !row.type || row.content === undefined) continue;
      const displayName = relativeName(row.name, domain.name);
      if (!fences.get(domain.id)?.admits(row.name, row.type)) continue;
      const rrsetPins = pins
        .filter((p) => p.domainId === domain.id && p.fqdn === row.name && p.type === row.type)
        .map((p) => ({ content: p.content, id: p.recordId }));
      const [id] = assignRecordIds(
        { zoneId: domain.id, fqdn: row.name, type: row.type },
        [recordContentKey(row.type, row.content, domain.name)],
        rrsetPins,
      ).ids;
      out.push({
        id,
        domainId: domain.id,
        zone: domain.name,
        name: row.name,
        displayName,
        type: row.type,
        content: row.content,
        ttl: row.ttl ?? domain.defaultTtl,
        disabled: row.disabled ?? false,
        createdAt: stamps.get(stampKey(domain.id, row.name, row.type, row.content)) ?? null,
      });
      if (out.length >= options.max) break;
    }
    return out;
  }
}
