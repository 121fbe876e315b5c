import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  absoluteName,
  type AppConfig,
  type DnssecKeyRole,
  type Domain,
  InjectConfig,
} from '@app/core';
import { type Caller, ZoneAccess } from '@app/identity';
import { PdnsClient, type PdnsCryptokey } from '@app/pdns-client';
import { zoneFailure, ZoneProvisioner } from '@app/zones';
import { type DsLookup, lookupDs } from '../parent/ds-query';
import type { DnssecAlgorithm } from './algorithms';

/** How the parent's DS is asked about; tests may replace it. */
export const PARENT_DS_LOOKUP = Symbol('PARENT_DS_LOOKUP');
export type ParentDsLookup = (zone: string) => Promise<DsLookup>;

/** Without a DNSKEY TTL to go by (no SOA read), an hour: the SOA minimum of new zones. */
const DEFAULT_DNSKEY_TTL_SECONDS = 3600;

/**
 * What the API's DNSSEC actions and the worker's rollover steps both do to a zone's keys in
 * PowerDNS: create them (always published), read them, learn the TTLs rolls wait for, ask the
 * parent for the DS, and tell secondaries and caches after a change.
 */
@Injectable()
export class ZoneKeys {
  private readonly lookup: ParentDsLookup;

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly pdns: PdnsClient,
    private readonly zones: ZoneProvisioner,
    @Optional() @Inject(PARENT_DS_LOOKUP) lookup?: ParentDsLookup,
  ) {
    this.lookup =
      lookup ??
      ((zone) =>
        lookupDs(config.validation.resolvers, absoluteName(zone), config.validation.dnsTimeoutMs));
  }

  /** The parent's DS set for `zone`, asked through VALIDATION_RESOLVERS. */
  parentDs(zone: string): Promise<DsLookup> {
    return this.lookup(zone);
  }

  /**
   * A new key of `role`, published (never "signing but unpublished": PowerDNS would serve a bogus
   * zone), signing only when `active`.
   */
  create(
    zoneId: string,
    role: DnssecKeyRole,
    algorithm: DnssecAlgorithm,
    active: boolean,
  ): Promise<PdnsCryptokey> {
    return this.pdns.createCryptokey(zoneId, {
      keytype: role,
      active,
      published: true,
      algorithm: algorithm.mnemonic,
      bits: algorithm.bits,
    });
  }

  async read(zoneId: string): Promise<Map<number, PdnsCryptokey>> {
    try {
      return new Map((await this.pdns.listCryptokeys(zoneId)).map((k) => [k.id, k] as const));
    } catch (error) {
      throw zoneFailure('read the zone keys from PowerDNS', error);
    }
  }

  /** After a key change: the serial moves (and the zone is rectified), and caches forget the zone. */
  async changed(row: Domain, caller: Caller | null): Promise<void> {
    await this.zones.bumpSerial(ZoneAccess.platform(row, caller));
    await this.pdns.flushCache(absoluteName(row.name)).catch(() => undefined);
  }

  /** The DNSKEY TTL PowerDNS serves (TTLkey): the SOA minimum field. */
  async dnskeyTtl(row: Domain): Promise<number> {
    const zone = await this.pdns.getZone(row.pdnsZoneId ?? absoluteName(row.name), {
      rrsetName: absoluteName(row.name),
      rrsetType: 'SOA',
    });
    return soaMinimum(zone.rrsets?.[0]?.records[0]?.content) ?? DEFAULT_DNSKEY_TTL_SECONDS;
  }

  /**
   * The zone's real TTLs a roll waits for: the DNSKEY TTL (the SOA minimum) and the largest TTL
   * any signed answer can be cached for (TTLsig: every rrset's TTL, and the negative TTL).
   */
  async ttls(row: Domain): Promise<{ dnskeyTtl: number; maxZoneTtl: number }> {
    const zone = await this.pdns.getZone(row.pdnsZoneId ?? absoluteName(row.name));
    const apex = absoluteName(row.name);
    let dnskeyTtl = DEFAULT_DNSKEY_TTL_SECONDS;
    let maxZoneTtl = 0;
    for (const rrset of zone.rrsets ?? []) {
      if (rrset.type === 'SOA' && rrset.name === apex) {
        dnskeyTtl = soaMinimum(rrset.records[0]?.content) ?? dnskeyTtl;
      }
      maxZoneTtl = Math.max(maxZoneTtl, rrset.ttl);
    }
    return { dnskeyTtl, maxZoneTtl: Math.max(maxZoneTtl, dnskeyTtl) };
  }
}

function soaMinimum(content: string | undefined): number | null {
  const minimum = Number(content?.trim().split(/\s+/)[6]);
  return Number.isFinite(minimum) && minimum > 0 ? minimum : null;
}
