import { Injectable, Logger } from '@nestjs/common';
import { type AppConfig, errorMessage, InjectConfig } from '@app/core';
import {
  ensureTsigKey,
  isAlreadyExistsError,
  PdnsClient,
  type PdnsZoneKind,
  type PdnsZoneUpdate,
} from '@app/pdns-client';
import { SecondaryTransfers } from './secondary-transfers';

/** The catalog's own NS: a catalog zone is never queried, only transferred (RFC 9432 §4.1). */
const CATALOG_NS = 'invalid.';

/** What makes a zone replicate: its kind, its catalog and the key its transfers are signed with. */
export type ZoneReplication = Required<
  Pick<PdnsZoneUpdate, 'kind' | 'catalog' | 'master_tsig_key_ids'>
>;

/**
 * The catalog zone (RFC 9432) through which secondaries learn which zones exist. ScaiDNS's zones
 * are PowerDNS Master zones (they NOTIFY the secondaries PowerDNS is told of); a served one is a
 * member of the catalog, a withheld one (soft-deleted, awaiting validation) is not, so a secondary
 * that consumes the catalog serves exactly what the primary serves. The catalog itself is a Producer
 * zone with SOA-EDIT-API EPOCH: PowerDNS sets its serial to the Unix time on every membership change,
 * which any other serial scheme would see as going backwards.
 */
@Injectable()
export class ZoneCatalog {
  private readonly logger = new Logger(ZoneCatalog.name);
  readonly name: string | null;
  private readonly tsigKey: string | null;
  private ready?: Promise<void>;

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly pdns: PdnsClient,
    private readonly transfers: SecondaryTransfers,
  ) {
    this.name = config.secondaries.catalogZone;
    this.tsigKey = config.secondaries.tsigKeyName;
  }

  /** The replication settings of a zone that is served (a catalog member) or withheld. */
  replication(served: boolean): ZoneReplication {
    return {
      kind: 'Master',
      catalog: served && this.name ? this.name : '',
      master_tsig_key_ids: this.tsigKey ? [this.tsigKey] : [],
    };
  }

  /**
   * The catalog zone and the transfer key exist in PowerDNS (made once per process, again after a
   * failure). A zone may name a catalog PowerDNS does not have yet: it is listed once it exists.
   */
  ensureReady(): Promise<void> {
    this.ready ??= this.prepare().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  /** Makes the zone's replication match `served` (one PUT) and tells the secondaries. */
  async setMembership(zoneId: string, served: boolean): Promise<void> {
    await this.ensureReadyOrLog();
    await this.pdns.updateZone(zoneId, this.replication(served));
    this.transfers.membershipChanged();
  }

  /** Whether the zone PowerDNS holds replicates as `served` asks. */
  matches(
    zone: { kind: PdnsZoneKind; catalog?: string; master_tsig_key_ids?: readonly string[] },
    served: boolean,
  ): boolean {
    const wanted = this.replication(served);
    const keys = (zone.master_tsig_key_ids ?? []).map((k) => k.toLowerCase());
    return (
      zone.kind === wanted.kind &&
      (zone.catalog ?? '').toLowerCase() === wanted.catalog &&
      keys.length === wanted.master_tsig_key_ids.length &&
      wanted.master_tsig_key_ids.every((k) => keys.includes(k))
    );
  }

  /** Like ensureReady, but a failure is logged and left for the worker's catalog sync to repair. */
  async ensureReadyOrLog(): Promise<void> {
    try {
      await this.ensureReady();
    } catch (error) {
      this.logger.warn(`catalog zone ${this.name ?? '-'} not ready: ${errorMessage(error)}`);
    }
  }

  private async prepare(): Promise<void> {
    if (this.tsigKey) await ensureTsigKey(this.pdns, this.tsigKey);
    if (!this.name) return;
    try {
      await this.pdns.createZone(
        {
          name: this.name,
          kind: 'Producer',
          soa_edit_api: 'EPOCH',
          nameservers: [CATALOG_NS],
          master_tsig_key_ids: this.tsigKey ? [this.tsigKey] : [],
        },
        { rrsets: false },
      );
      this.logger.log(`created the catalog zone ${this.name}`);
    } catch (error) {
      if (!isAlreadyExistsError(error)) throw error;
      const zone = await this.pdns.getZone(this.name, { rrsets: false });
      if (zone.kind !== 'Producer') {
        throw new Error(
          `zone ${this.name} exists in PowerDNS but is not a catalog (Producer) zone`,
        );
      }
    }
  }
}
