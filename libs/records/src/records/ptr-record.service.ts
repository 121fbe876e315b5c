import { Injectable } from '@nestjs/common';
import { AppError } from '@app/core';
import { ipFromPtrName } from '@app/domains';
import type { ZoneAccess } from '@app/identity';
import { RecordService } from './record.service';

/** A PTR as the reverse-zone API lists it: addressed by IP, with the record's own id. */
export interface PtrView {
  /** The record's id, the same as `/domains/{id}/records` gives it. */
  readonly id: string;
  readonly ip: string;
  readonly hostname: string;
  readonly ttl: number;
  /** The PTR owner name, absolute with the trailing dot. */
  readonly name: string;
  /** When ScaiDNS wrote it, when known. */
  readonly createdAt: Date | null;
}

/**
 * The PTR records of a reverse zone, read as records (so ids, pins and the caller's fence are the
 * record service's own) and addressed by the IP their owner name stands for. Here rather than in
 * libs/domains because record ids live in this lib.
 */
@Injectable()
export class PtrRecordService {
  constructor(private readonly records: RecordService) {}

  /** The enabled PTRs the caller may read, by name; `search` matches part of the IP or host name. */
  async list(zone: ZoneAccess, search?: string): Promise<PtrView[]> {
    const { domain } = zone;
    if (
      (domain.domainType !== 'reverse_ipv4' && domain.domainType !== 'reverse_ipv6') ||
      !domain.cidr
    ) {
      throw AppError.notFound('Reverse zone');
    }
    const needle = search?.trim().toLowerCase() ?? '';
    const out: PtrView[] = [];
    for (const record of await this.records.list(zone, { type: 'PTR', includeSystem: false })) {
      const ip = ipFromPtrName(record.name, domain.name);
      if (!ip || record.disabled) continue;
      if (needle && !ip.includes(needle) && !record.content.toLowerCase().includes(needle))
        continue;
      out.push({
        id: record.id,
        ip,
        hostname: record.content,
        ttl: record.ttl,
        name: record.name,
        createdAt: record.createdAt,
      });
    }
    return out;
  }
}
