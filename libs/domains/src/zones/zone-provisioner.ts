import { Injectable } from '@nestjs/common';
import type { Domain, SnapshotRRSet, ZoneSnapshot } from '@app/core';
import {
  PdnsClient,
  PdnsConflictError,
  PdnsNotFoundError,
  type PdnsRRSetInput,
  type PdnsSoaEditApi,
  type PdnsZone,
} from '@app/pdns-client';

/** SOA timers of new zones: refresh, retry, expire, negative-caching TTL. */
const SOA_TIMERS = '10800 3600 604800 3600';
/** One serial step per change committed through the API (see the zone-snapshots migration). */
export const SOA_EDIT_API: PdnsSoaEditApi = 'INCREASE';

export function canonical(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

/** The apex SOA of a zone: primary = the first platform nameserver. */
export function soaContent(zone: string, primary: string, serial: number): string {
  return `${canonical(primary)} hostmaster.${canonical(zone)} ${serial} ${SOA_TIMERS}`;
}

/** A fresh zone's serial: seconds since 1970 fits the 32-bit field until 2106 and never goes back. */
function initialSerial(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * Creates, removes and restores the PowerDNS side of a domain. Every method leaves PowerDNS either as
 * it was or as asked; callers order these calls against their database transaction so that no half
 * state survives (see DomainService).
 */
@Injectable()
export class ZoneProvisioner {
  constructor(private readonly pdns: PdnsClient) {}

  /**
   * A Native zone with the platform nameservers, its SOA and the domain's default TTL. A zone of the
   * same name left behind by an interrupted earlier attempt is replaced: the name is this domain's.
   */
  async create(domain: Domain, nameservers: readonly string[]): Promise<string> {
    const zone = canonical(domain.name);
    const rrsets: PdnsRRSetInput[] = [
      {
        name: zone,
        type: 'SOA',
        ttl: domain.defaultTtl,
        records: [{ content: soaContent(zone, nameservers[0], initialSerial()), disabled: false }],
      },
      {
        name: zone,
        type: 'NS',
        ttl: domain.defaultTtl,
        records: nameservers.map((ns) => ({ content: canonical(ns), disabled: false })),
      },
    ];
    return this.createWith(zone, rrsets, { api_rectify: false });
  }

  /** Reads what the zone holds now, for a snapshot before it is removed. */
  async read(
    domain: Domain,
  ): Promise<{ rrsets: SnapshotRRSet[]; settings: Record<string, unknown> } | null> {
    let zone: PdnsZone;
    try {
      zone = await this.pdns.getZone(domain.pdnsZoneId ?? canonical(domain.name), { rrsets: true });
    } catch (error) {
      if (error instanceof PdnsNotFoundError) return null;
      throw error;
    }
    return {
      rrsets: (zone.rrsets ?? []).map((r) => ({
        name: r.name,
        type: r.type,
        ttl: r.ttl,
        records: r.records.map((rec) => ({ content: rec.content, disabled: rec.disabled })),
        comments: r.comments.map((c) => ({
          content: c.content,
          account: c.account,
          modified_at: c.modified_at,
        })),
      })),
      settings: { kind: zone.kind, soa_edit_api: zone.soa_edit_api, api_rectify: zone.api_rectify },
    };
  }

  /** Puts a snapshot back exactly (records, disabled flags, comments, TTLs, serial). */
  async restore(
    domain: Domain,
    snapshot: Pick<ZoneSnapshot, 'rrsets' | 'zoneSettings'>,
  ): Promise<string> {
    const zone = canonical(domain.name);
    const rrsets: PdnsRRSetInput[] = snapshot.rrsets.map((r) => ({
      name: r.name,
      type: r.type,
      ttl: r.ttl,
      records: r.records.map((rec) => ({ content: rec.content, disabled: rec.disabled })),
      comments: r.comments,
    }));
    const apiRectify = snapshot.zoneSettings.api_rectify === true;
    return this.createWith(zone, rrsets, { api_rectify: apiRectify });
  }

  /** Removes the zone; a zone that is already gone is fine. */
  async remove(domain: Domain): Promise<void> {
    try {
      await this.pdns.deleteZone(domain.pdnsZoneId ?? canonical(domain.name));
    } catch (error) {
      if (!(error instanceof PdnsNotFoundError)) throw error;
    }
    await this.flush(domain.name);
  }

  /**
   * Makes the apex NS set and the SOA primary match `nameservers`. Returns false when the zone
   * already had them (nothing written), so a repeated run changes nothing.
   */
  async setNameservers(domain: Domain, nameservers: readonly string[]): Promise<boolean> {
    const zone = canonical(domain.name);
    const current = await this.pdns.getZone(domain.pdnsZoneId ?? zone, {
      rrsets: true,
      rrsetName: zone,
    });
    const ns = current.rrsets?.find((r) => r.type === 'NS');
    const soa = current.rrsets?.find((r) => r.type === 'SOA');
    const wanted = nameservers.map(canonical);
    const currentNs = (ns?.records ?? []).map((r) => r.content.toLowerCase()).sort();
    const soaFields = soa?.records[0]?.content.split(/\s+/) ?? [];
    const primaryOk = soaFields[0]?.toLowerCase() === wanted[0].toLowerCase();
    if (
      primaryOk &&
      JSON.stringify(currentNs) === JSON.stringify([...wanted].map((n) => n.toLowerCase()).sort())
    ) {
      return false;
    }
    const soaRecord =
      soaFields.length === 7
        ? [wanted[0], ...soaFields.slice(1)].join(' ')
        : soaContent(zone, wanted[0], initialSerial());
    await this.pdns.patchRRSets(domain.pdnsZoneId ?? zone, [
      {
        name: zone,
        type: 'NS',
        changetype: 'REPLACE',
        ttl: ns?.ttl ?? domain.defaultTtl,
        records: wanted.map((content) => ({ content, disabled: false })),
      },
      {
        name: zone,
        type: 'SOA',
        changetype: 'REPLACE',
        ttl: soa?.ttl ?? domain.defaultTtl,
        records: [{ content: soaRecord, disabled: false }],
      },
    ]);
    return true;
  }

  /**
   * PowerDNS caches its answers, REFUSED included: a name asked about before its zone existed would
   * stay refused for the cache TTL. Drop the apex's entries so the data plane shows the change at
   * once (the API refuses the `name$` subtree form). Best effort.
   */
  private async flush(zone: string): Promise<void> {
    await this.pdns.flushCache(canonical(zone)).catch(() => undefined);
  }

  private async createWith(
    zone: string,
    rrsets: PdnsRRSetInput[],
    options: { api_rectify: boolean },
  ): Promise<string> {
    const body = {
      name: zone,
      kind: 'Native' as const,
      soa_edit_api: SOA_EDIT_API,
      api_rectify: options.api_rectify,
      rrsets,
    };
    let id: string;
    try {
      id = (await this.pdns.createZone(body, { rrsets: false })).id;
    } catch (error) {
      if (!(error instanceof PdnsConflictError)) throw error;
      await this.pdns.deleteZone(zone);
      id = (await this.pdns.createZone(body, { rrsets: false })).id;
    }
    await this.flush(zone);
    return id;
  }
}
