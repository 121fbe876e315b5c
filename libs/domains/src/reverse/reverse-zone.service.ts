import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { absoluteName, AppError, Domain, type ValidationChallenge } from '@app/core';
import type { AuditEntryInput } from '@app/audit';
import { auditEntryBy, type Caller, type PrincipalAccess, ZoneAccess } from '@app/identity';
import { PdnsClient } from '@app/pdns-client';
import { managedZoneId, type PreparedRecord, RecordRules, ZoneWriter } from '@app/zones';
import type { DataSource } from 'typeorm';
import { DomainService } from '../domains/domain.service';
import { ValidationService } from '../validation/validation.service';
import { onlyVisible } from '../domains/visible-domains';
import {
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

/** Bulk PTR writes are one commit (one PowerDNS transaction), so stay far below its body limit. */
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
 * PTRs are records like any other: the same rules, the same zone writer, the caller's access checked
 * on each.
 */
@Injectable()
export class ReverseZoneService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly domains: DomainService,
    private readonly validation: ValidationService,
    private readonly pdns: PdnsClient,
    private readonly writer: ZoneWriter,
    private readonly rules: RecordRules,
  ) {}

  /**
   * The reverse zone of a network: pending validation like any zone (a TXT record at the zone's
   * delegated servers proves the address space), active at once with domains:validation_bypass.
   * It may not overlap another tenant's network.
   */
  async create(
    caller: Caller,
    access: PrincipalAccess,
    input: { cidr: string; defaultTtl: number; description: string | null },
  ): Promise<{ domain: Domain; challenge: ValidationChallenge | null }> {
    const zone = previewCidr(input.cidr);
    return this.validation.createDomain(
      caller,
      access,
      {
        name: zone.zoneName,
        domainType: zone.domainType,
        defaultTtl: input.defaultTtl,
        description: input.description,
        cidr: zone.network,
      },
      // Under the name tree's lock (see DomainService.create), so two tenants can't both pass.
      () => this.assertNetworkFree(caller, zone),
    );
  }

  /** The reverse zones the caller may see; `search` matches part of the zone's name or network. */
  async list(
    access: PrincipalAccess,
    page: number,
    pageSize: number,
    search?: string,
  ): Promise<{ data: Domain[]; total: number }> {
    const qb = this.dataSource
      .getRepository(Domain)
      .createQueryBuilder('d')
      .innerJoinAndSelect('d.tenant', 't')
      .where('d.domain_type IN (:...types)', { types: ['reverse_ipv4', 'reverse_ipv6'] })
      .andWhere("d.status <> 'deleted'");
    const text = search?.trim().toLowerCase();
    if (text) {
      const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(d.name LIKE :like OR d.cidr LIKE :like)', { like });
    }
    onlyVisible(qb, access);
    const [data, total] = await qb
      .orderBy('d.name', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { data, total };
  }

  /** One PTR; replaces what the IP had. */
  async setPtr(zone: ZoneAccess, input: PtrInput): Promise<PtrRecord> {
    const [record] = await this.write(zone, [input], 'record.create');
    return record;
  }

  /** Several PTRs in one commit (one PowerDNS transaction): all are written or none. */
  async setPtrs(zone: ZoneAccess, inputs: readonly PtrInput[]): Promise<PtrRecord[]> {
    if (inputs.length === 0) throw AppError.badRequest('records must not be empty');
    if (inputs.length > MAX_PTR_BULK) {
      throw new AppError('PAYLOAD_TOO_LARGE', `At most ${MAX_PTR_BULK} PTR records per request`);
    }
    return this.write(zone, inputs, 'record.bulk_create');
  }

  async deletePtr(zone: ZoneAccess, ipText: string): Promise<void> {
    const domain = this.reverse(zone.domain);
    const ip = this.ipInZone(ipText, domain);
    const name = this.ownerName(ip, domain);
    zone.assertRecord('records:delete', name, 'PTR');
    await this.writer.submit(zone, {
      names: [name],
      apply: (ws) => {
        const existing = ws.get(name, 'PTR');
        if (!existing || existing.records.length === 0) throw AppError.notFound('PTR record');
        ws.put({ ...existing, records: [] });
        return existing.records.map((r) => r.content);
      },
      audit: (hostnames) => [
        this.entry(zone, 'record.delete', { ip, name, hostnames }, undefined, {
          record_type: 'PTR',
        }),
      ],
    });
  }

  /** The PTR of an IP, in whichever of the caller's reverse zones holds it (most specific first). */
  async lookup(
    caller: Caller,
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
      if (!ZoneAccess.of(caller, access, domain).canRecord('records:read', name, 'PTR')) continue;
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
    zone: ZoneAccess,
    inputs: readonly PtrInput[],
    action: string,
  ): Promise<PtrRecord[]> {
    const domain = this.reverse(zone.domain);
    const records = inputs.map((input, index) => {
      const prefix = inputs.length > 1 ? `records[${index}]: ` : '';
      const ip = this.ipInZone(input.ip, domain, prefix);
      const prepared = this.prepare(domain, ip, input, prefix);
      zone.assertRecord('records:create', prepared.fqdn, 'PTR');
      return { ip, prepared };
    });
    const seen = new Set<string>();
    for (const { ip, prepared } of records) {
      if (seen.has(prepared.fqdn)) throw AppError.badRequest(`${ip} appears more than once`);
      seen.add(prepared.fqdn);
    }
    const written = records.map(({ ip, prepared }) => ({
      ip,
      hostname: prepared.content,
      ttl: prepared.ttl,
      name: prepared.fqdn,
    }));
    await this.writer.submit(zone, {
      names: records.map((r) => r.prepared.fqdn),
      apply: (ws) => {
        for (const { prepared } of records) {
          const existing = ws.get(prepared.fqdn, 'PTR');
          const replaces = existing?.records.some((r) => r.content !== prepared.content) ?? false;
          // Setting a PTR replaces what the address had: that is changing a record.
          if (replaces) zone.assertRecord('records:update', prepared.fqdn, 'PTR');
          ws.put({
            name: prepared.fqdn,
            type: 'PTR',
            ttl: prepared.ttl,
            records: [{ content: prepared.content, disabled: false }],
          });
        }
      },
      audit: () => [
        this.entry(
          zone,
          action,
          undefined,
          { records: written },
          {
            record_type: 'PTR',
            count: written.length,
          },
        ),
      ],
    });
    return written;
  }

  /** An audit entry of a PTR change, made in the commit (see ZoneChange.audit). */
  private entry(
    zone: ZoneAccess,
    action: string,
    before: unknown,
    after: unknown,
    extra: Record<string, unknown>,
  ): AuditEntryInput {
    const { domain } = zone;
    return auditEntryBy(zone.caller, {
      tenantId: domain.tenantId,
      action,
      resourceType: 'domain',
      resourceId: domain.id,
      resourceName: domain.name,
      before,
      after,
      extra,
    });
  }

  /**
   * A PTR as the record rules see it: the owner name of the address, the host name as content (an
   * absolute name: `hostname` is always fully qualified, never relative to the reverse zone).
   */
  private prepare(domain: Domain, ip: string, input: PtrInput, prefix: string): PreparedRecord {
    const hostname = input.hostname.trim();
    if (hostname === '' || !/[^.]\.[^.]/.test(hostname)) {
      throw new AppError('BAD_REQUEST', {
        message: `${prefix}hostname must be a fully qualified host name (got ${input.hostname})`,
        field: 'hostname',
      });
    }
    try {
      return this.rules.prepare(
        domain.name,
        {
          name: this.ownerName(ip, domain),
          type: 'PTR',
          content: absoluteName(hostname),
          ttl: input.ttl,
        },
        domain.defaultTtl,
        prefix,
      );
    } catch (error) {
      if (error instanceof AppError && typeof error.detail !== 'string') {
        const field = error.detail.field === 'content' ? 'hostname' : error.detail.field;
        throw new AppError(error.code, { ...error.detail, field });
      }
      throw error;
    }
  }

  private reverse(domain: Domain): Domain & { pdnsZoneId: string; cidr: string } {
    if (
      (domain.domainType !== 'reverse_ipv4' && domain.domainType !== 'reverse_ipv6') ||
      !domain.cidr
    ) {
      throw AppError.notFound('Reverse zone');
    }
    managedZoneId(domain);
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
    return absoluteName(owner.name);
  }
}
