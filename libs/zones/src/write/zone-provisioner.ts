import { Injectable, Logger } from '@nestjs/common';
import {
  absoluteName,
  AppError,
  errorMessage,
  type Domain,
  type SnapshotRRSet,
  type ZoneSnapshot,
} from '@app/core';
import { ZoneAccess } from '@app/identity';
import {
  isAlreadyExistsError,
  PdnsClient,
  PdnsNotFoundError,
  type PdnsRRSetInput,
  type PdnsSoaEditApi,
  type PdnsZone,
  pdnsZoneId,
} from '@app/pdns-client';
import { ZoneBaselines } from '../baseline/zone-baselines';
import { soaWithSerial } from '../content/soa.content';
import { SecondaryTransfers } from '../secondaries/secondary-transfers';
import { ZoneCatalog } from '../secondaries/zone-catalog';
import { ZoneWriter } from './zone-writer';

/** SOA timers of new zones: refresh, retry, expire, negative-caching TTL. */
const SOA_TIMERS = '10800 3600 604800 3600';
/** One serial step per change committed through the API (see the zone-snapshots migration). */
export const SOA_EDIT_API: PdnsSoaEditApi = 'INCREASE';

/**
 * The apex SOA of a zone: primary = the first platform nameserver, mailbox `hostmaster.<zone>` — or,
 * for a zone name too long to take that label (over 242 characters), the hostmaster of the primary
 * nameserver's domain: a name may not pass 253 characters.
 */
export function soaContent(zone: string, primary: string, serial: number): string {
  const own = `hostmaster.${absoluteName(zone)}`;
  const ns = absoluteName(primary);
  const mailbox =
    own.length - 1 <= 253 ? own : `hostmaster.${ns.split('.').slice(1).join('.') || ns}`;
  return `${ns} ${mailbox} ${serial} ${SOA_TIMERS}`;
}

/** A fresh zone's serial: seconds since 1970 fits the 32-bit field until 2106 and never goes back. */
function initialSerial(): number {
  return Math.floor(Date.now() / 1000);
}

/** What a zone holds, as a snapshot keeps it. */
export interface ZoneContent {
  readonly rrsets: SnapshotRRSet[];
  readonly settings: Record<string, unknown>;
}

/**
 * Creates, removes and restores the PowerDNS side of a domain, and rewrites its apex NS and SOA.
 * Each of these runs under the zone's lock (ZoneWriter.exclusive) or as a change through the zone
 * writer, so no record write interleaves with it and no process keeps a copy of the zone from before.
 * Every method leaves PowerDNS either as it was or as asked; callers order these calls against their
 * database transaction so that no half state survives (see DomainService).
 */
@Injectable()
export class ZoneProvisioner {
  private readonly logger = new Logger(ZoneProvisioner.name);

  constructor(
    private readonly pdns: PdnsClient,
    private readonly writer: ZoneWriter,
    private readonly catalog: ZoneCatalog,
    private readonly transfers: SecondaryTransfers,
    private readonly baselines: ZoneBaselines,
  ) {}

  /**
   * A zone with the platform nameservers, its SOA and the domain's default TTL. A zone of the
   * same name left behind by an interrupted earlier attempt is replaced: the name is this domain's
   * (callers hold the domain's row lock, so no other activation of it runs).
   *
   * `served: false` (a domain waiting for validation) creates it with its SOA disabled: PowerDNS
   * then refuses every query for it (REFUSED) while its records can be managed; `serve` turns it on.
   */
  async create(
    domain: Domain,
    nameservers: readonly string[],
    options: { served?: boolean } = {},
  ): Promise<string> {
    const disabled = options.served === false;
    const zone = absoluteName(domain.name);
    const rrsets: PdnsRRSetInput[] = [
      {
        name: zone,
        type: 'SOA',
        ttl: domain.defaultTtl,
        records: [{ content: soaContent(zone, nameservers[0], initialSerial()), disabled }],
      },
      {
        name: zone,
        type: 'NS',
        ttl: domain.defaultTtl,
        records: nameservers.map((ns) => ({ content: absoluteName(ns), disabled: false })),
      },
    ];
    return this.writer.exclusive(pdnsZoneId(zone), () =>
      this.createWith(zone, rrsets, { api_rectify: false, served: !disabled }),
    );
  }

  /** Reads what the zone holds now; null when PowerDNS has no such zone. */
  async read(domain: Domain): Promise<ZoneContent | null> {
    let zone: PdnsZone;
    try {
      zone = await this.pdns.getZone(this.idOf(domain), { rrsets: true });
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

  /**
   * Takes the zone out of service (soft delete) after `keep` has stored what it held (a snapshot,
   * read under the zone's lock): its SOA is disabled, so PowerDNS refuses every query for it, while
   * PowerDNS keeps everything else the zone has — records, DNSSEC keys, metadata. A restored signed
   * zone therefore serves the very DNSKEYs its parent's DS was made for; the snapshot is what
   * restore falls back on should PowerDNS have lost the zone. If withholding fails, `keep`'s work
   * stands and the error is thrown for the caller to undo it.
   */
  async retire<T>(domain: Domain, keep: (content: ZoneContent | null) => Promise<T>): Promise<T> {
    let held = false;
    const kept = await this.writer.exclusive(this.idOf(domain), async () => {
      const content = await this.read(domain);
      held = content !== null;
      return keep(content);
    });
    if (held) await this.setServed(ZoneAccess.platform(domain), false);
    await this.flush(domain.name);
    return kept;
  }

  /**
   * Brings a soft-deleted zone back: the zone PowerDNS kept is served again (`served`) or stays
   * withheld (a domain that was pending validation), its serial moved on either way; a zone PowerDNS
   * no longer has is made again from the snapshot. Returns the zone id and which of the two it did.
   */
  async reinstate(
    domain: Domain,
    snapshot: Pick<ZoneSnapshot, 'rrsets' | 'zoneSettings'> | null,
    served: boolean,
  ): Promise<{ zoneId: string | null; recreated: boolean }> {
    if (domain.pdnsZoneId && (await this.holds(domain.pdnsZoneId))) {
      await this.setServed(ZoneAccess.platform(domain), served);
      await this.flush(domain.name);
      return { zoneId: domain.pdnsZoneId, recreated: false };
    }
    if (!snapshot) return { zoneId: domain.pdnsZoneId, recreated: false };
    return { zoneId: await this.restore(domain, snapshot), recreated: true };
  }

  /**
   * Turns the zone's SOA on (served) or off (PowerDNS refuses every query for it), leaving the NS
   * as they are, and moves the serial on even when the SOA already was so.
   */
  async setServed(zone: ZoneAccess, served: boolean): Promise<void> {
    const apex = absoluteName(zone.domain.name);
    // Out of the catalog before the SOA goes off, into it once the SOA is on: a secondary never
    // transfers a zone the primary refuses to serve.
    if (!served) await this.catalog.setMembership(this.idOf(zone.domain), false);
    await this.writer.submit(zone, {
      names: [apex],
      apply: (ws) => {
        const soa = ws.get(apex, 'SOA');
        if (!soa?.records[0]) throw AppError.conflict(`Zone ${zone.domain.name} has no SOA`);
        ws.put({
          ...soa,
          records: [
            { content: soaWithSerial(soa.records[0].content, ws.serial), disabled: !served },
          ],
        });
        ws.resend(apex, 'SOA');
      },
    });
    if (served) await this.catalog.setMembership(this.idOf(zone.domain), true);
  }

  /**
   * Moves the zone's SOA serial one step as one change through the zone writer (and, the PATCH
   * being a PATCH, rectifies a zone with api_rectify on): for what PowerDNS 4.7 changes without
   * either — a DNSSEC key added, activated, retired or removed — so secondaries and caches see it.
   */
  async bumpSerial(zone: ZoneAccess): Promise<void> {
    const apex = absoluteName(zone.domain.name);
    await this.writer.submit(zone, {
      names: [apex],
      apply: (ws) => {
        const soa = ws.get(apex, 'SOA');
        if (!soa?.records[0]) throw AppError.conflict(`Zone ${zone.domain.name} has no SOA`);
        const [record] = soa.records;
        ws.put({
          ...soa,
          records: [
            { content: soaWithSerial(record.content, ws.serial), disabled: record.disabled },
          ],
        });
        ws.resend(apex, 'SOA');
      },
    });
  }

  /** True when PowerDNS has the zone. */
  private async holds(zoneId: string): Promise<boolean> {
    try {
      await this.pdns.getZone(zoneId, { rrsets: false });
      return true;
    } catch (error) {
      if (error instanceof PdnsNotFoundError) return false;
      throw error;
    }
  }

  /** Puts a snapshot back exactly (records, disabled flags, comments, TTLs, serial). */
  async restore(
    domain: Domain,
    snapshot: Pick<ZoneSnapshot, 'rrsets' | 'zoneSettings'>,
  ): Promise<string> {
    const apex = absoluteName(domain.name).toLowerCase();
    const soa = snapshot.rrsets.find((r) => r.type === 'SOA' && r.name.toLowerCase() === apex);
    const served = soa?.records.some((r) => !r.disabled) ?? false;
    const zone = absoluteName(domain.name);
    const rrsets: PdnsRRSetInput[] = snapshot.rrsets.map((r) => ({
      name: r.name,
      type: r.type,
      ttl: r.ttl,
      records: r.records.map((rec) => ({ content: rec.content, disabled: rec.disabled })),
      comments: r.comments,
    }));
    const apiRectify = snapshot.zoneSettings.api_rectify === true;
    return this.writer.exclusive(pdnsZoneId(zone), () =>
      this.createWith(zone, rrsets, { api_rectify: apiRectify, served }),
    );
  }

  /**
   * Takes back a zone this process has just made for a domain that never committed (a failed
   * creation, activation or restore): nobody can have written it, so nothing needs settling, and
   * this must work while MariaDB is down — that is often why the domain did not commit.
   */
  async discard(domain: Domain): Promise<void> {
    await this.writer.exclusive(this.idOf(domain), () => this.removeNow(domain), {
      settleFirst: false,
    });
  }

  /** Removes the zone; a zone that is already gone is fine. */
  async remove(domain: Domain): Promise<void> {
    await this.writer.exclusive(this.idOf(domain), () => this.removeNow(domain));
  }

  /**
   * Starts serving a zone made with `served: false` (its domain was validated): the SOA is enabled,
   * with the current platform nameservers, in one change through the zone writer; PowerDNS answers
   * the zone's records from then on.
   */
  async serve(zone: ZoneAccess, nameservers: readonly string[]): Promise<void> {
    await this.setNameservers(zone, nameservers, { served: true });
    await this.catalog.setMembership(this.idOf(zone.domain), true);
    await this.flush(zone.domain.name);
  }

  /** Stops serving a zone again (its domain's activation did not commit): the SOA is disabled. */
  async withhold(zone: ZoneAccess, nameservers: readonly string[]): Promise<void> {
    await this.catalog.setMembership(this.idOf(zone.domain), false);
    await this.setNameservers(zone, nameservers, { served: false });
  }

  /**
   * Makes the apex NS set and the SOA primary match `nameservers`, as one change through the zone
   * writer (the platform's own: callers may never write these). Returns false when the zone already
   * had them (nothing written), so a repeated run changes nothing. `served` also turns the SOA on or
   * off (see `create`); by default it stays as it is.
   */
  setNameservers(
    zone: ZoneAccess,
    nameservers: readonly string[],
    options: { served?: boolean } = {},
  ): Promise<boolean> {
    const apex = absoluteName(zone.domain.name);
    const wanted = nameservers.map((n) => absoluteName(n.toLowerCase()));
    return this.writer.submit(zone, {
      names: [apex],
      apply: (ws) => {
        const ns = ws.get(apex, 'NS');
        const soa = ws.get(apex, 'SOA');
        const currentNs = (ns?.records ?? []).map((r) => r.content.toLowerCase()).sort();
        const soaFields = soa?.records[0]?.content.split(/\s+/) ?? [];
        const primaryOk = soaFields[0]?.toLowerCase() === wanted[0];
        const disabled =
          options.served === undefined ? (soa?.records[0]?.disabled ?? false) : !options.served;
        const servedOk = (soa?.records[0]?.disabled ?? false) === disabled;
        if (
          primaryOk &&
          servedOk &&
          JSON.stringify(currentNs) === JSON.stringify([...wanted].sort())
        ) {
          return false;
        }
        // The serial PowerDNS holds (the SOA in the working set may lag it): SOA-EDIT-API moves it
        // on from there when the PATCH lands.
        const soaRecord =
          soaFields.length === 7
            ? [wanted[0], soaFields[1], String(ws.serial), ...soaFields.slice(3)].join(' ')
            : soaContent(apex, wanted[0], Math.max(ws.serial, initialSerial()));
        ws.put({
          name: apex,
          type: 'NS',
          ttl: ns?.ttl ?? zone.domain.defaultTtl,
          records: wanted.map((content) => ({ content, disabled: false })),
        });
        ws.put({
          name: apex,
          type: 'SOA',
          ttl: soa?.ttl ?? zone.domain.defaultTtl,
          records: [{ content: soaRecord, disabled }],
        });
        return true;
      },
    });
  }

  private async removeNow(domain: Domain): Promise<void> {
    try {
      await this.pdns.deleteZone(this.idOf(domain));
    } catch (error) {
      if (!(error instanceof PdnsNotFoundError)) throw error;
    }
    // PowerDNS drops a deleted zone from the catalog by itself; the secondaries hear of it now.
    this.transfers.membershipChanged();
    // Best effort (a discard runs while MariaDB may be down): a baseline without its zone is inert,
    // and a zone made again under this id takes a new one.
    await this.baselines.forget(this.idOf(domain)).catch(() => undefined);
    await this.flush(domain.name);
  }

  private idOf(domain: Domain): string {
    return domain.pdnsZoneId ?? pdnsZoneId(domain.name);
  }

  /**
   * PowerDNS caches its answers, REFUSED included: a name asked about before its zone existed would
   * stay refused for the cache TTL. Drop the apex's entries so the data plane shows the change at
   * once (the API refuses the `name$` subtree form). Best effort.
   */
  private async flush(zone: string): Promise<void> {
    await this.pdns.flushCache(absoluteName(zone)).catch(() => undefined);
  }

  /**
   * Makes the zone in PowerDNS: a Master zone (it NOTIFYs the secondaries PowerDNS knows of), in the
   * catalog when `served`.
   */
  private async createWith(
    zone: string,
    rrsets: PdnsRRSetInput[],
    options: { api_rectify: boolean; served: boolean },
  ): Promise<string> {
    await this.catalog.ensureReadyOrLog();
    const body = {
      name: zone,
      ...this.catalog.replication(options.served),
      soa_edit_api: SOA_EDIT_API,
      api_rectify: options.api_rectify,
      rrsets,
    };
    let id: string;
    try {
      id = (await this.pdns.createZone(body, { rrsets: false })).id;
    } catch (error) {
      if (!isAlreadyExistsError(error)) throw error;
      await this.pdns.deleteZone(zone);
      id = (await this.pdns.createZone(body, { rrsets: false })).id;
    }
    if (options.served) this.transfers.membershipChanged();
    await this.takeBaseline(id);
    await this.flush(zone);
    return id;
  }

  /**
   * What a zone just made holds (as PowerDNS prints it) is what ScaiDNS committed: its baseline.
   * Best effort: the zone stands either way, and a drift scan takes the baseline of a zone that has
   * none before comparing anything.
   */
  private async takeBaseline(zoneId: string): Promise<void> {
    try {
      const made = await this.pdns.getZone(zoneId, { rrsets: true });
      await this.baselines.take(zoneId, made.rrsets ?? []);
    } catch (error) {
      this.logger.warn(`no baseline for the new zone ${zoneId} yet: ${errorMessage(error)}`);
    }
  }
}

/**
 * The PowerDNS zone of a domain whose records may be managed: an active one, or one waiting for
 * validation (its zone exists with the SOA off: records are stored, not served). 409 otherwise.
 */
export function managedZoneId(domain: Domain): string {
  const managed = domain.status === 'active' || domain.status === 'pending_validation';
  if (!managed || !domain.pdnsZoneId) {
    throw AppError.conflict(
      domain.pdnsZoneId
        ? `Domain is ${domain.status}: its records can't be managed`
        : `Domain is ${domain.status} and has no zone in PowerDNS yet`,
    );
  }
  return domain.pdnsZoneId;
}
