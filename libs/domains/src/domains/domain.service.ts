import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import {
  type AppConfig,
  AppError,
  Domain,
  RecordStampRow,
  type DomainStatus,
  type DomainType,
  errorMessage,
  inTransaction,
  withNamedLock,
  InjectConfig,
  isDuplicateKeyError,
  Tenant,
  ZoneSnapshot,
} from '@app/core';
import {
  auditEntryBy,
  type Caller,
  isAllowed,
  type PrincipalAccess,
  ZoneAccess,
} from '@app/identity';
import { type ZoneContent, zoneFailure, ZoneProvisioner } from '@app/zones';
import { Brackets, type DataSource, type EntityManager, LessThanOrEqual } from 'typeorm';
import { nameTreeRoot, normalizeDomainName } from '../names/domain-name';
import { onlyVisible } from './visible-domains';
import { PlatformNameservers } from '../nameservers/platform-nameservers';

export interface CreateDomainInput {
  readonly name: string;
  readonly domainType: DomainType;
  readonly defaultTtl: number;
  readonly description: string | null;
  readonly cidr?: string | null;
}

export interface DomainFilter {
  readonly status?: DomainStatus;
  readonly domainType?: DomainType;
  readonly dnssecEnabled?: boolean;
  readonly search?: string;
  readonly includeDeleted: boolean;
}

export interface DomainPage {
  readonly data: Domain[];
  readonly total: number;
}

export interface DomainUpdate {
  readonly description?: string | null;
  readonly defaultTtl?: number;
  readonly settings?: Record<string, unknown> | null;
}

/** What an audit entry shows of a domain. */
export function domainAuditView(d: Domain): Record<string, unknown> {
  return {
    name: d.name,
    domain_type: d.domainType,
    status: d.status,
    default_ttl: d.defaultTtl,
    description: d.description,
    settings: d.settings,
    cidr: d.cidr,
  };
}

/** Every parent name of `name` (`a.b.example.com` → `b.example.com`, `example.com`, `com`). */
function parentsOf(name: string): string[] {
  const labels = name.split('.');
  return labels.slice(1).map((_, i) => labels.slice(i + 1).join('.'));
}

/**
 * Zones' life cycle on the control plane: create (pending, or active at once with
 * domains:validation_bypass), list, update, soft delete (the zone leaves PowerDNS, its content kept
 * in a snapshot), restore, hard delete, and activation. PowerDNS and MariaDB are changed in an order
 * that leaves no half state: a PowerDNS failure answers 502 and changes nothing here.
 */
@Injectable()
export class DomainService {
  private readonly logger = new Logger(DomainService.name);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly zones: ZoneProvisioner,
    private readonly nameservers: PlatformNameservers,
  ) {}

  /**
   * Creates the metadata row; `afterCreate` (the validation service) opens a challenge in the same
   * transaction, which may run more than once (see inTransaction), so it must only write through
   * `manager`.
   *
   * Concurrency: the tenant's row is locked first, so one tenant's creates run one at a time and the
   * quota count is exact; under READ COMMITTED the count and the name checks see every create that
   * committed before, and take no gap locks that an INSERT of another tenant could deadlock on. Two
   * tenants racing for one name meet at the unique index: the second gets "Domain already exists".
   *
   * With `activate` (validation bypass, reverse zones) the PowerDNS zone is made in that transaction
   * too and the domain is active when it commits: a failure anywhere leaves neither row nor zone.
   */
  async create(
    caller: Caller,
    input: CreateDomainInput,
    afterCreate: (manager: EntityManager, domain: Domain) => Promise<void>,
    activate?: { readonly method: string },
  ): Promise<Domain> {
    const normalized = normalizeDomainName(input.name);
    if ('error' in normalized) throw AppError.badRequest(normalized.error);
    this.assertTtl(input.defaultTtl);
    // Parent and child zones of one name tree can't be two tenants': the overlap check is a read,
    // so creates within one tree run one at a time, each committed before the next one checks.
    const made: { zone: Domain | null } = { zone: null };
    try {
      return await withNamedLock(
        this.dataSource,
        `zone-tree:${nameTreeRoot(normalized.name)}`,
        () =>
          this.insert(caller, input, normalized, afterCreate, { method: activate?.method, made }),
      );
    } catch (error) {
      // Made in PowerDNS, but the row never committed (the commit itself failed): no zone may stay.
      if (made.zone) await this.removeQuietly(made.zone, 'a failed creation');
      throw error;
    }
  }

  private insert(
    caller: Caller,
    input: CreateDomainInput,
    normalized: { name: string; unicodeName: string },
    afterCreate: (manager: EntityManager, domain: Domain) => Promise<void>,
    zone: { readonly method?: string; readonly made: { zone: Domain | null } },
  ): Promise<Domain> {
    return inTransaction(
      this.dataSource,
      async (manager) => {
        await this.lockTenant(manager, caller.tenantId);
        await this.assertNameAvailable(manager, caller, normalized.name);
        await this.assertQuota(manager, caller);
        const domain = await manager
          .save(
            manager.create(Domain, {
              tenantId: caller.tenantId,
              name: normalized.name,
              unicodeName: normalized.unicodeName,
              domainType: input.domainType,
              status: 'pending_validation',
              defaultTtl: input.defaultTtl,
              description: input.description,
              cidr: input.cidr ?? null,
              createdBy: caller.userId,
            }),
          )
          .catch((error: unknown) => {
            throw isDuplicateKeyError(error) ? AppError.conflict('Domain already exists') : error;
          });
        await this.record(
          manager,
          caller,
          'domain.create',
          domain,
          undefined,
          domainAuditView(domain),
        );
        await afterCreate(manager, domain);
        return this.provision(manager, caller, domain, zone.method, zone.made);
      },
      { isolation: 'READ COMMITTED' },
    );
  }

  /** The zone of a domain created in this transaction; removed again if the transaction fails. */
  /**
   * The PowerDNS zone of a domain created in this transaction; removed again if the transaction
   * fails. Active (`activation` says how it was validated): served at once. Pending: made with its
   * SOA disabled, so its records can be managed ("stored but not served") while PowerDNS refuses
   * queries for it, until activation turns it on.
   */
  private async provision(
    manager: EntityManager,
    caller: Caller,
    domain: Domain,
    activation: string | undefined,
    made: { zone: Domain | null },
  ): Promise<Domain> {
    let zoneId: string;
    try {
      zoneId = await this.zones.create(domain, await this.nameservers.get(), {
        served: activation !== undefined,
      });
    } catch (error) {
      throw zoneFailure(`create the zone ${domain.name} in PowerDNS`, error);
    }
    made.zone = { ...domain, pdnsZoneId: zoneId } as Domain;
    try {
      domain.pdnsZoneId = zoneId;
      if (activation === undefined) return await manager.save(domain);
      domain.status = 'active';
      domain.validatedAt = new Date();
      const saved = await manager.save(domain);
      await this.record(manager, caller, 'domain.validation.success', saved, undefined, {
        method: activation,
      });
      return saved;
    } catch (error) {
      await this.removeQuietly(made.zone, 'a failed creation');
      throw error;
    }
  }

  /**
   * Creates the PowerDNS zone and marks the domain active in one transaction with its audit entry
   * (`audit` writes the rest of that transaction, e.g. the challenge's status). The domain's row is
   * locked first, so of concurrent activations one creates the zone and the others find the domain
   * active, as if they came second. If the database step fails the zone is removed again. Not run
   * through inTransaction: its transaction creates the PowerDNS zone, which a second run must not
   * repeat blindly; a lock race here reaches the edge as 503.
   */
  async activate(
    zone: ZoneAccess,
    audit: (manager: EntityManager, activated: Domain) => Promise<void>,
  ): Promise<Domain> {
    const { domain } = zone;
    if (domain.status === 'active') return domain;
    let created = null as Domain | null;
    let served = null as Domain | null;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const row = await this.lock(manager, domain.id);
        if (row.status === 'active') return row;
        if (row.status !== 'pending_validation') throw AppError.conflict(`Domain is ${row.status}`);
        const nameservers = await this.nameservers.get();
        try {
          if (row.pdnsZoneId) {
            // Its zone has waited, records and all, with the SOA off: turn it on.
            await this.zones.serve(ZoneAccess.platform(row), nameservers);
            served = row;
          } else {
            row.pdnsZoneId = await this.zones.create(row, nameservers);
            created = row;
          }
        } catch (error) {
          throw zoneFailure(`serve the zone ${row.name} in PowerDNS`, error);
        }
        row.status = 'active';
        row.validatedAt = new Date();
        const saved = await manager.save(row);
        await audit(manager, saved);
        return saved;
      });
    } catch (error) {
      if (created) await this.removeQuietly(created, 'a failed activation');
      if (served) {
        await this.zones
          .withhold(ZoneAccess.platform(served), await this.nameservers.get())
          .catch((e: unknown) =>
            this.logger.error(`could not withhold zone ${served?.name}: ${errorMessage(e)}`),
          );
      }
      throw error;
    }
  }

  async list(
    access: PrincipalAccess,
    filter: DomainFilter,
    page: number,
    pageSize: number,
  ): Promise<DomainPage> {
    const qb = this.dataSource
      .getRepository(Domain)
      .createQueryBuilder('d')
      .innerJoin('d.tenant', 't');
    onlyVisible(qb, access);
    if (filter.status) qb.andWhere('d.status = :status', { status: filter.status });
    else if (!filter.includeDeleted) qb.andWhere("d.status <> 'deleted'");
    if (filter.domainType) qb.andWhere('d.domain_type = :type', { type: filter.domainType });
    if (filter.dnssecEnabled !== undefined)
      qb.andWhere('d.dnssec_enabled = :dnssec', { dnssec: filter.dnssecEnabled });
    if (filter.search) {
      const like = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(
        new Brackets((w) =>
          w.where('d.name LIKE :like', { like }).orWhere('d.unicode_name LIKE :like', { like }),
        ),
      );
    }
    const [data, total] = await qb
      .orderBy('d.name', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { data, total };
  }

  async update(zone: ZoneAccess, changes: DomainUpdate): Promise<Domain> {
    zone.assert('domains:update');
    if (changes.defaultTtl !== undefined) this.assertTtl(changes.defaultTtl);
    return inTransaction(this.dataSource, async (manager) => {
      const row = await this.lock(manager, zone.domain.id);
      const before = domainAuditView(row);
      if (changes.description !== undefined) row.description = changes.description;
      if (changes.defaultTtl !== undefined) row.defaultTtl = changes.defaultTtl;
      if (changes.settings !== undefined) row.settings = changes.settings;
      const saved = await manager.save(row);
      await this.record(
        manager,
        zone.caller,
        'domain.update',
        saved,
        before,
        domainAuditView(saved),
      );
      return saved;
    });
  }

  /**
   * Soft delete: the zone's content goes into a snapshot, then PowerDNS stops serving the zone
   * (queries are refused) while keeping its records and keys; the name stays reserved. If PowerDNS
   * can't withhold the zone, the database change is undone.
   */
  async softDelete(zone: ZoneAccess): Promise<Domain> {
    zone.assert('domains:delete');
    const { domain } = zone;
    const snapshot = (content: ZoneContent | null) =>
      inTransaction(this.dataSource, async (manager) => {
        const row = await this.lock(manager, domain.id);
        if (row.status === 'deleted') throw AppError.notFound('Domain');
        const before = domainAuditView(row);
        if (content) {
          await manager.delete(ZoneSnapshot, { domainId: row.id });
          await manager.save(
            manager.create(ZoneSnapshot, {
              domainId: row.id,
              reason: 'soft_delete',
              rrsets: content.rrsets,
              zoneSettings: content.settings,
            }),
          );
        }
        row.previousStatus = row.status;
        row.status = 'deleted';
        row.deletedAt = new Date();
        const saved = await manager.save(row);
        await this.record(manager, zone.caller, 'domain.delete', saved, before, {
          ...domainAuditView(saved),
          hard: false,
        });
        return saved;
      });
    if (!domain.pdnsZoneId) return snapshot(null);
    let stored = false;
    try {
      return await this.zones.retire(domain, async (content) => {
        const saved = await snapshot(content);
        stored = true;
        return saved;
      });
    } catch (error) {
      if (stored) await this.undoSoftDelete(domain);
      throw zoneFailure(`remove the zone ${domain.name} from PowerDNS`, error);
    }
  }

  /**
   * Restore: PowerDNS serves the zone it kept again (or, had it lost the zone, gets it back from
   * the snapshot) first, then the domain returns to its status. Its DNSSEC keys never left PowerDNS,
   * so a signed zone comes back with the same DNSKEYs.
   */
  async restore(zone: ZoneAccess): Promise<Domain> {
    zone.assert('domains:delete');
    const { domain } = zone;
    if (domain.status !== 'deleted') throw AppError.conflict('Domain is not deleted');
    const snapshot = await this.dataSource
      .getRepository(ZoneSnapshot)
      .findOne({ where: { domainId: domain.id } });
    const served = (domain.previousStatus ?? 'pending_validation') === 'active';
    let back: { zoneId: string | null; recreated: boolean };
    try {
      back = await this.zones.reinstate(domain, snapshot, served);
    } catch (error) {
      throw zoneFailure(`restore the zone ${domain.name} in PowerDNS`, error);
    }
    const zoneId = back.zoneId;
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const row = await this.lock(manager, domain.id);
        if (row.status !== 'deleted') throw AppError.conflict('Domain is not deleted');
        const before = domainAuditView(row);
        row.status = row.previousStatus ?? 'pending_validation';
        row.previousStatus = null;
        row.deletedAt = null;
        row.pdnsZoneId = zoneId;
        const saved = await manager.save(row);
        await manager.delete(ZoneSnapshot, { domainId: row.id });
        await this.record(
          manager,
          zone.caller,
          'domain.restore',
          saved,
          before,
          domainAuditView(saved),
        );
        return saved;
      });
    } catch (error) {
      if (back.recreated) await this.removeQuietly(domain, 'a failed restore');
      else if (served && zoneId) {
        await this.zones
          .setServed(ZoneAccess.platform({ ...domain, pdnsZoneId: zoneId } as Domain), false)
          .catch((e: unknown) =>
            this.logger.error(`could not withhold zone ${domain.name} again: ${errorMessage(e)}`),
          );
      }
      throw error;
    }
  }

  /** Hard delete: the PowerDNS zone first (502 and nothing changed if that fails), then the metadata. */
  async hardDelete(zone: ZoneAccess): Promise<void> {
    zone.assert('domains:delete');
    const { domain } = zone;
    try {
      await this.zones.remove(domain);
    } catch (error) {
      throw zoneFailure(`delete the zone ${domain.name} from PowerDNS`, error);
    }
    await inTransaction(this.dataSource, async (manager) => {
      const row = await this.lock(manager, domain.id);
      await this.erase(manager, row, zone.caller, 'domain.delete', { hard: true });
    });
  }

  /**
   * Soft-deleted domains whose retention (DOMAIN_PURGE_AFTER_DAYS after `deleted_at`) has ended by
   * `now`, oldest first, at most `limit`; none when the setting is 0 (kept forever).
   */
  async purgeDue(now: Date, limit = 100): Promise<string[]> {
    const cutoff = this.purgeCutoff(now);
    if (!cutoff) return [];
    const rows = await this.dataSource.getRepository(Domain).find({
      select: { id: true },
      where: { status: 'deleted', deletedAt: LessThanOrEqual(cutoff) },
      order: { deletedAt: 'ASC' },
      take: limit,
    });
    return rows.map((r) => r.id);
  }

  /**
   * Purges a soft-deleted domain whose retention has ended: its zone leaves PowerDNS and its rows
   * go (the name is free again), audited as `domain.purge` by the system. Under the domain's row lock
   * and checked again there, so a restore that got in first wins (false: nothing purged).
   */
  async purge(domainId: string, now: Date): Promise<boolean> {
    const cutoff = this.purgeCutoff(now);
    if (!cutoff) return false;
    return inTransaction(this.dataSource, async (manager) => {
      const row = await manager.findOne(Domain, {
        where: { id: domainId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row || row.status !== 'deleted' || !row.deletedAt || row.deletedAt > cutoff) {
        return false;
      }
      try {
        await this.zones.remove(row);
      } catch (error) {
        throw zoneFailure(`delete the zone ${row.name} from PowerDNS`, error);
      }
      await this.erase(manager, row, null, 'domain.purge', {
        deleted_at: row.deletedAt.toISOString(),
        retention_days: this.config.domains.purgeAfterDays,
      });
      return true;
    });
  }

  private purgeCutoff(now: Date): Date | null {
    const days = this.config.domains.purgeAfterDays;
    return days > 0 ? new Date(now.getTime() - days * 86_400_000) : null;
  }

  /** The metadata of a domain whose zone is gone from PowerDNS: its rows, audited. */
  private async erase(
    manager: EntityManager,
    row: Domain,
    caller: Caller | null,
    action: 'domain.delete' | 'domain.purge',
    after: Record<string, unknown>,
  ): Promise<void> {
    await manager.delete(RecordStampRow, { domainId: row.id });
    await manager.delete(Domain, { id: row.id });
    await this.record(manager, caller, action, row, domainAuditView(row), after);
  }

  /** True when the caller may skip ownership validation in their tenant. */
  mayBypassValidation(caller: Caller, access: PrincipalAccess): boolean {
    return isAllowed(
      access,
      'domains:validation_bypass',
      { tenantId: caller.tenantId, partnerId: caller.partnerId },
      new Date(),
    );
  }

  async record(
    manager: EntityManager,
    caller: Caller | null,
    action: string,
    domain: Domain,
    before: unknown,
    after: unknown,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    await this.audit.record(
      manager,
      auditEntryBy(caller, {
        tenantId: domain.tenantId,
        action,
        resourceType: 'domain',
        resourceId: domain.id,
        resourceName: domain.name,
        before,
        after,
        extra,
      }),
    );
  }

  /** Takes back a zone made for a domain that did not commit; logs if even that fails. */
  private async removeQuietly(domain: Domain, after: string): Promise<void> {
    await this.zones
      .discard(domain)
      .catch((e: unknown) =>
        this.logger.error(
          `could not remove zone ${domain.name} after ${after}: ${errorMessage(e)}`,
        ),
      );
  }

  private async undoSoftDelete(domain: Domain): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const row = await this.lock(manager, domain.id);
      row.status = row.previousStatus ?? domain.status;
      row.previousStatus = null;
      row.deletedAt = null;
      await manager.save(row);
      await manager.delete(ZoneSnapshot, { domainId: row.id });
    });
  }

  /** Serialises one tenant's domain creates (see create). */
  private async lockTenant(manager: EntityManager, tenantId: string): Promise<void> {
    const tenant = await manager.findOne(Tenant, {
      select: { id: true },
      where: { id: tenantId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!tenant) throw AppError.notFound('Tenant');
  }

  private async lock(manager: EntityManager, id: string): Promise<Domain> {
    const row = await manager.findOne(Domain, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!row) throw AppError.notFound('Domain');
    return row;
  }

  private assertTtl(ttl: number): void {
    const { ttlMin, ttlMax } = this.config.records;
    if (!Number.isInteger(ttl) || ttl < ttlMin || ttl > ttlMax) {
      throw new AppError('BAD_REQUEST', {
        message: `default_ttl must be between ${ttlMin} and ${ttlMax}`,
        field: 'default_ttl',
      });
    }
  }

  /**
   * Unique platform-wide (soft-deleted names stay reserved), and no sub- or super-domain of another
   * tenant's zone — refused without saying whose.
   */
  private async assertNameAvailable(
    manager: EntityManager,
    caller: Caller,
    name: string,
  ): Promise<void> {
    const repo = manager.getRepository(Domain);
    if (await repo.exist({ where: { name } })) throw AppError.conflict('Domain already exists');
    const parents = parentsOf(name);
    const qb = repo
      .createQueryBuilder('d')
      .where('d.tenant_id <> :tenantId', { tenantId: caller.tenantId })
      .andWhere(
        new Brackets((w) => {
          w.where('d.name LIKE :below', { below: `%.${name.replace(/[\\%_]/g, (c) => `\\${c}`)}` });
          if (parents.length) w.orWhere('d.name IN (:...parents)', { parents });
        }),
      );
    if (await qb.getExists()) {
      throw AppError.conflict('Domain overlaps a zone that belongs to another tenant');
    }
  }

  private async assertQuota(manager: EntityManager, caller: Caller): Promise<void> {
    const quota = this.config.domains.quotaPerTenant;
    if (quota === 0) return;
    const count = await manager
      .getRepository(Domain)
      .createQueryBuilder('d')
      .where('d.tenant_id = :tenantId', { tenantId: caller.tenantId })
      .andWhere("d.status <> 'deleted'")
      .getCount();
    if (count >= quota)
      throw new AppError('FORBIDDEN', `Zone quota reached: a tenant may hold ${quota} zones`);
  }
}
