import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { AppError, Domain, errorMessage, inTransaction } from '@app/core';
import { auditEntryBy, type Caller, ZoneAccess } from '@app/identity';
import { ZoneProvisioner } from '@app/zones';
import { type DataSource, IsNull, Not } from 'typeorm';
import { normalizeNameserver, PlatformNameservers } from './platform-nameservers';

export interface NameserverRollout {
  readonly nameservers: string[];
  readonly zonesTotal: number;
  readonly zonesChanged: number;
  /** Zones PowerDNS refused or could not be reached for; a repeated PUT picks them up. */
  readonly zonesFailed: { name: string; reason: string }[];
}

/**
 * The platform's nameservers: stored once, then written into the apex NS set and SOA primary of every
 * zone, zone by zone. Zones that already match are left alone, so a PUT can be repeated safely.
 */
@Injectable()
export class NameserverService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly platform: PlatformNameservers,
    private readonly zones: ZoneProvisioner,
  ) {}

  get(): Promise<string[]> {
    return this.platform.get();
  }

  async replace(caller: Caller, requested: readonly string[]): Promise<NameserverRollout> {
    const nameservers = requested.map((n) => normalizeNameserver(n));
    const bad = requested.filter((_, i) => nameservers[i] === null);
    if (bad.length > 0 || nameservers.length === 0) {
      throw new AppError('BAD_REQUEST', {
        message: bad.length
          ? `Not a host name: ${bad.join(', ')}`
          : 'At least one nameserver is required',
        field: 'nameservers',
      });
    }
    const wanted = [...new Set(nameservers as string[])];
    const before = await this.platform.get().catch(() => [] as string[]);
    await inTransaction(this.dataSource, (manager) =>
      this.platform.set(manager, wanted, caller.userId),
    );

    const live = await this.dataSource.getRepository(Domain).find({
      where: { status: 'active', pdnsZoneId: Not(IsNull()) },
      order: { name: 'ASC' },
    });
    let zonesChanged = 0;
    const zonesFailed: { name: string; reason: string }[] = [];
    for (const domain of live) {
      try {
        const zone = ZoneAccess.platform(domain, caller);
        if (await this.zones.setNameservers(zone, wanted)) zonesChanged += 1;
      } catch (error) {
        zonesFailed.push({ name: domain.name, reason: errorMessage(error) });
      }
    }
    const rollout = { nameservers: wanted, zonesTotal: live.length, zonesChanged, zonesFailed };
    await inTransaction(this.dataSource, (manager) =>
      this.audit.record(
        manager,
        auditEntryBy(caller, {
          tenantId: null,
          action: 'admin.nameservers',
          resourceType: 'platform_config',
          resourceId: 'nameservers',
          resourceName: 'nameservers',
          before,
          after: wanted,
          extra: {
            zones_total: rollout.zonesTotal,
            zones_changed: zonesChanged,
            zones_failed: zonesFailed.map((z) => z.name),
          },
        }),
      ),
    );
    return rollout;
  }
}
