import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Domain, errorMessage } from '@app/core';
import { PdnsClient, PdnsNotFoundError } from '@app/pdns-client';
import { ZoneCatalog } from '@app/zones';
import { type DataSource, IsNull, Not } from 'typeorm';

/** What a catalog sync did. */
export interface CatalogSyncResult {
  readonly checked: number;
  readonly fixed: number;
}

/**
 * Brings every zone ScaiDNS knows to the replication its domain asks for (a Master zone; in the
 * catalog when the domain is active): once when the worker starts, which turns the Native zones of
 * earlier versions into catalog members, and after a change of the catalog's name or transfer key.
 * Zones ScaiDNS does not know are left alone (a drift scan reports them). A zone is read again, and
 * its domain too, just before it is changed, so a delete or restore that ran meanwhile wins.
 */
@Injectable()
export class CatalogSync {
  private readonly logger = new Logger(CatalogSync.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pdns: PdnsClient,
    private readonly catalog: ZoneCatalog,
  ) {}

  async run(): Promise<CatalogSyncResult> {
    await this.catalog.ensureReady();
    const domains = await this.domains().find({
      select: { id: true, name: true, status: true, pdnsZoneId: true },
      where: { pdnsZoneId: Not(IsNull()) },
    });
    let fixed = 0;
    for (const domain of domains) {
      try {
        if (await this.syncOne(domain)) fixed += 1;
      } catch (error) {
        this.logger.warn(`catalog sync of ${domain.name}: ${errorMessage(error)}`);
      }
    }
    if (fixed > 0) this.logger.log(`catalog sync: ${fixed} of ${domains.length} zone(s) fixed`);
    return { checked: domains.length, fixed };
  }

  private async syncOne(domain: Domain): Promise<boolean> {
    const zoneId = domain.pdnsZoneId as string;
    let zone;
    try {
      zone = await this.pdns.getZone(zoneId, { rrsets: false });
    } catch (error) {
      if (error instanceof PdnsNotFoundError) return false;
      throw error;
    }
    if (this.catalog.matches(zone, domain.status === 'active')) return false;
    const fresh = await this.domains().findOne({
      select: { id: true, status: true, pdnsZoneId: true },
      where: { id: domain.id },
    });
    if (!fresh || fresh.pdnsZoneId !== zoneId) return false;
    await this.catalog.setMembership(zoneId, fresh.status === 'active');
    return true;
  }

  private domains() {
    return this.dataSource.getRepository(Domain);
  }
}
