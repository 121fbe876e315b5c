import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { AppError, inTransaction, PlatformConfig } from '@app/core';
import { auditEntryBy, type Caller } from '@app/identity';
import type { DataSource } from 'typeorm';
import { normalizeDomainName } from '../names/domain-name';

export const AUTHORITATIVE_DOMAINS_KEY = 'authoritative_domains';

/**
 * The domains this ScaiDNS instance is authoritative for (platform_config `authoritative_domains`,
 * used to validate zone transfers): stored as domain names are everywhere, lowercase ASCII without
 * the trailing dot, each once. A PUT replaces the list and is audited as `admin.authoritative_domains`.
 */
@Injectable()
export class AuthoritativeDomainsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<string[]> {
    const row = await this.dataSource
      .getRepository(PlatformConfig)
      .findOneBy({ key: AUTHORITATIVE_DOMAINS_KEY });
    return namesIn(row?.value);
  }

  /** Replaces the list; 400 naming the first name that is not a domain name. */
  async replace(caller: Caller, requested: readonly string[]): Promise<string[]> {
    const domains: string[] = [];
    for (const input of requested) {
      const normalized = normalizeDomainName(input);
      if ('error' in normalized) {
        throw AppError.badRequest(`Invalid domain name ${input}: ${normalized.error}`);
      }
      if (!domains.includes(normalized.name)) domains.push(normalized.name);
    }
    return inTransaction(this.dataSource, async (manager) => {
      const repo = manager.getRepository(PlatformConfig);
      const found = await repo.findOne({
        where: { key: AUTHORITATIVE_DOMAINS_KEY },
        lock: { mode: 'pessimistic_write' },
      });
      const before = namesIn(found?.value);
      await repo.save({ key: AUTHORITATIVE_DOMAINS_KEY, value: domains, updatedBy: caller.userId });
      await this.audit.record(
        manager,
        auditEntryBy(caller, {
          tenantId: null,
          action: 'admin.authoritative_domains',
          resourceType: 'platform_config',
          resourceId: AUTHORITATIVE_DOMAINS_KEY,
          resourceName: AUTHORITATIVE_DOMAINS_KEY,
          before: { domains: before },
          after: { domains },
        }),
      );
      return domains;
    });
  }
}

function namesIn(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
