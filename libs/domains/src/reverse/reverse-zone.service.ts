import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppError, Domain, errorMessage } from '@app/core';
import type { Caller, PrincipalAccess } from '@app/identity';
import { PdnsClient, PdnsError, type PdnsRRSetChange } from '@app/pdns-client';
import type { DataSource } from 'typeorm';
import { DomainService } from '../domains/domain.service';
import { onlyVisible } from '../domains/visible-domains';
import { normalizeNameserver } from '../nameservers/platform-nameservers';
import { canonical } from '../zones/zone-provisioner';
import {
  ipFromPtrName,
  ipInCidr,
  normalizeIp,
  ptrRecordName,
  type ReverseZone,
  reverseZoneForCidr,
} from './reverse-zone';

export interface PtrInput {
  readonly ip: string;
  readonly hostname: string;
  readonly ttl?: number;
}

export interface PtrRecord {
  readonly ip: string;
  readonly hostname: string;
  readonly ttl: number;
  /** The PTR owner name, absolute with the trailing dot. */
  readonly name: string;
}

/** Bulk PTR writes are sent as one PowerDNS PATCH (one transaction), so stay far below its body limit. */
export const MAX_PTR_BULK = 1000;

export function previewCidr(cidr: string): ReverseZone {
  const zone = reverseZoneForCidr(cidr);
  if ('error' in zone) throw AppError.badRequest(zone.error);
  return zone;
}

/**
 * Reverse zones made from a CIDR (one zone for /8, /16, /24 and nibble-aligned IPv6, an RFC 2317
 * classless zone for /25–/32) and their PTR records. A reverse zone is active at once: address space
 * is proven by the delegation the registry makes to the platform nameservers, not by a TXT record.
 */
@Injectable()
export class ReverseZoneService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly domains: DomainService,
    private readonly pdns: PdnsClient,
  ) {}

  async create(
    caller: Caller,
    input: { cidr: string; defaultTtl: number; description: string | null },
  ): Promise<Domain> {
    const zone = previewCidr(input.cidr);
    await this.assertNetworkFree(caller, zone);
    const domain = await this.domains.create(
      caller,
      {
        name: zone.zoneName,
        domainType: zone.domainType,
        defaultTtl: input.defaultTtl,
        description: input.description,
        cidr: zone.network,
      },
      async () => undefined,
    );
    return this.domains.activate(domain, (manager, d) =>
      this.domains.record(manager, caller, 'domain.validation.success', d, undefined, {
        method: 'reverse_zone',
      }),
    );
  }

  async list(
    access: PrincipalAccess,
    page: number,
    pageSize: number,
  ): Promise<{ data: Domain[]; total: number }> {
    const qb = this.dataSource
      .getRepository(Domain)
      .createQueryBuilder('d')
      .innerJoin('d.tenant', 't')
      .where('d.domain_type IN (:...types)', { types: ['reverse_ipv4', 'reverse_ipv6'] })
      .andWhere("d.status <> 'deleted'");
    onlyVisible(qb, access);
    const [data, total] = await qb
      .orderBy('d.name', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { data, total };
  }

  async listPtrs(domain: Domain): Promise<PtrRecord[]> {
    const zone = this.reverse(domain);
    const pdnsZone = await this.pdns.getZone(zone.pdnsZoneId, { rrsets: true });
    const out: PtrRecord[] = [];
    for (const rrset of pdnsZone.rrsets ?? []) {
      if (rrset.type !== 'PTR') continue;
      const ip = ipFromPtrName(rrset.name, domain.name);
      if (!ip) continue;
      for (const record of rrset.records) {
        if (!record.disabled)
          out.push({ ip, hostname: record.content, ttl: rrset.ttl, name: rrset.name });
      }
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** One PTR; replaces what the IP had. */
  async setPtr(caller: Caller, domain: Domain, input: PtrInput): Promise<PtrRecord> {
    const [record] = await this.write(caller, domain, [input], 'record.create');
    return record;
  }

  /** Several PTRs in one PowerDNS transaction: all are written or none. */
  async setPtrs(caller: Caller, domain: Domain, inputs: readonly PtrInput[]): Promise<PtrRecord[]> {
    if (inputs.length === 0) throw AppError.badRequest('records must not be empty');
    if (inputs.length > MAX_PTR_BULK) {
      throw new AppError('PAYLOAD_TOO_LARGE', `At most ${MAX_PTR_BULK} PTR records per request`);
    }
    return this.write(caller, domain, inputs, 'record.bulk_create');
  }

  async deletePtr(caller: Caller, domain: Domain, ipText: string): Promise<void> {
    const zone = this.reverse(domain);
    const ip = this.ipInZone(ipText, domain);
    const name = this.ownerName(ip, domain);
    const current = await this.pdns.getZone(zone.pdnsZoneId, {
      rrsets: true,
      rrsetName: name,
      rrsetType: 'PTR',
    });
    const existing = current.rrsets?.find((r) => r.type === 'PTR');
    if (!existing || existing.records.length === 0) throw AppError.notFound('PTR record');
    await this.patch(zone.pdnsZoneId, [{ name, type: 'PTR', changetype: 'DELETE' }]);
    await this.dataSource.transaction((manager) =>
      this.domains.record(
        manager,
        caller,
        'record.delete',
        domain,
        { ip, name, hostnames: existing.records.map((r) => r.content) },
        undefined,
        {
          record_type: 'PTR',
        },
      ),
    );
  }

  /** The PTR of an IP, in whichever of the caller's reverse zones holds it (most specific first). */
  async lookup(
    access: PrincipalAccess,
    ipText: string,
  ): Promise<PtrRecord & { domainId: string; zone: string }> {
    const ip = normalizeIp(ipText);
    if (!ip) throw AppError.badRequest(`Not an IP address: ${ipText}`);
    const { data } = await this.list(access, 1, 1000);
    const holders = data
      .filter((d) => d.cidr && d.pdnsZoneId && ipInCidr(ip, d.cidr))
      .sort((a, b) => Number(b.cidr?.split('/')[1]) - Number(a.cidr?.split('/')[1]));
    for (const domain of holders) {
      const name = this.ownerName(ip, domain);
      const zone = await this.pdns.getZone(domain.pdnsZoneId ?? '', {
        rrsets: true,
        rrsetName: name,
        rrsetType: 'PTR',
      });
      const rrset = zone.rrsets?.find(
        (r) => r.type === 'PTR' && r.records.some((rec) => !rec.disabled),
      );
      if (rrset) {
        const record = rrset.records.find((rec) => !rec.disabled);
        return {
          ip,
          hostname: record?.content ?? '',
          ttl: rrset.ttl,
          name,
          domainId: domain.id,
          zone: domain.name,
        };
      }
    }
    throw AppError.notFound('PTR record');
  }

  /**
   * Classless zones of one network are siblings by name (`64/26…` and `96/27…`), so the name check
   * can't see that they overlap: compare the networks of other tenants' reverse zones too.
   */
  private async assertNetworkFree(caller: Caller, zone: ReverseZone): Promise<void> {
    const others = await this.dataSource
      .getRepository(Domain)
      .createQueryBuilder('d')
      .select(['d.id', 'd.cidr'])
      .where('d.tenant_id <> :tenantId', { tenantId: caller.tenantId })
      .andWhere('d.domain_type = :type', { type: zone.domainType })
      .andWhere('d.cidr IS NOT NULL')
      .getMany();
    const start = (cidr: string) => cidr.split('/')[0];
    const clash = others.some(
      (d) => d.cidr && (ipInCidr(start(d.cidr), zone.network) || ipInCidr(zone.startIp, d.cidr)),
    );
    if (clash) throw AppError.conflict('Domain overlaps a zone that belongs to another tenant');
  }

  private async write(
    caller: Caller,
    domain: Domain,
    inputs: readonly PtrInput[],
    action: string,
  ): Promise<PtrRecord[]> {
    const zone = this.reverse(domain);
    const records = inputs.map((input, index) => {
      const prefix = inputs.length > 1 ? `records[${index}]: ` : '';
      const ip = this.ipInZone(input.ip, domain, prefix);
      const hostname = normalizeNameserver(input.hostname);
      if (!hostname) {
        throw new AppError('UNPROCESSABLE', {
          message: `${prefix}hostname must be a fully qualified host name (got ${input.hostname})`,
          field: 'hostname',
        });
      }
      const ttl = input.ttl ?? domain.defaultTtl;
      return { ip, hostname, ttl, name: this.ownerName(ip, domain) };
    });
    const seen = new Set<string>();
    for (const r of records) {
      if (seen.has(r.name)) throw AppError.badRequest(`${r.ip} appears more than once`);
      seen.add(r.name);
    }
    await this.patch(
      zone.pdnsZoneId,
      records.map((r) => ({
        name: r.name,
        type: 'PTR',
        changetype: 'REPLACE' as const,
        ttl: r.ttl,
        records: [{ content: r.hostname, disabled: false }],
      })),
    );
    await this.dataSource.transaction((manager) =>
      this.domains.record(
        manager,
        caller,
        action,
        domain,
        undefined,
        { records },
        { record_type: 'PTR', count: records.length },
      ),
    );
    return records;
  }

  private async patch(zoneId: string, changes: PdnsRRSetChange[]): Promise<void> {
    try {
      await this.pdns.patchRRSets(zoneId, changes);
    } catch (error) {
      if (error instanceof AppError && error.code === 'UNPROCESSABLE') throw error;
      throw AppError.upstream(
        `Could not write to PowerDNS: ${error instanceof PdnsError ? error.message : errorMessage(error)}`,
        error,
      );
    }
  }

  private reverse(domain: Domain): Domain & { pdnsZoneId: string; cidr: string } {
    if (
      (domain.domainType !== 'reverse_ipv4' && domain.domainType !== 'reverse_ipv6') ||
      !domain.cidr
    ) {
      throw AppError.notFound('Reverse zone');
    }
    if (domain.status !== 'active' || !domain.pdnsZoneId)
      throw AppError.conflict(`Reverse zone is ${domain.status}`);
    return domain as Domain & { pdnsZoneId: string; cidr: string };
  }

  private ipInZone(ipText: string, domain: Domain, prefix = ''): string {
    const ip = normalizeIp(ipText);
    if (!ip) throw AppError.badRequest(`${prefix}not an IP address: ${ipText}`);
    if (!domain.cidr || !ipInCidr(ip, domain.cidr)) {
      throw AppError.badRequest(`${prefix}${ip} is outside ${domain.cidr ?? 'this zone'}`);
    }
    return ip;
  }

  private ownerName(ip: string, domain: Domain): string {
    const owner = ptrRecordName(ip, domain.name);
    if ('error' in owner) throw AppError.badRequest(owner.error);
    return canonical(owner.name);
  }
}
