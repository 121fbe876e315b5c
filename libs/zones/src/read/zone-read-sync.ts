import { Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '@app/core';
import { PdnsClient, type PdnsRRSet } from '@app/pdns-client';
import { ZoneLock } from '../write/zone-lock';
import { toWorking, type WorkingRRSet } from '../write/zone-working-set';
import {
  confirmSerial,
  type ObservedStamp,
  replayLog,
  versionOfRead,
  type ZoneVersion,
} from './zone-version';

/** What a reader's copy of a zone needs to be current: nothing, some rrsets, or the whole zone. */
export type ZoneSync =
  | { readonly kind: 'current'; readonly version: ZoneVersion }
  /** Rrsets to apply, oldest first, each as it now is (no records: gone). */
  | { readonly kind: 'changes'; readonly version: ZoneVersion; readonly changes: WorkingRRSet[] }
  /** The whole zone (disabled records included). */
  | { readonly kind: 'full'; readonly version: ZoneVersion; readonly rrsets: WorkingRRSet[] };

/**
 * Keeps a reader's copy of a zone current without reading the zone (the read side of ZoneWriter's
 * zone state). One Redis round trip tells whether anybody wrote the zone since the copy was made
 * (its write stamp, see ZoneLock); a few commits behind, the zone's log says what they changed; and
 * PowerDNS's SOA serial, read at most every ZONE_STATE_RECHECK_MS, catches edits made outside
 * ScaiDNS. Only when none of that can tell is the whole zone read again. Without Redis, every sync
 * asks PowerDNS for the serial.
 *
 * Read-your-writes holds across processes: the writer answers its callers only after its commit's
 * log entry is in Redis, so a sync made after an answer sees that commit.
 */
@Injectable()
export class ZoneReadSync {
  private readonly recheckMs: number;

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly pdns: PdnsClient,
    private readonly lock: ZoneLock,
  ) {
    this.recheckMs = config.records.zoneStateRecheckMs;
  }

  /** What the copy at `known` (null: there is none) needs to be current. */
  async sync(zoneId: string, known: ZoneVersion | null): Promise<ZoneSync> {
    const observed = await this.observe(zoneId);
    if (!known) return this.full(zoneId, observed);
    if (!observed) {
      const serial = await this.serial(zoneId);
      const confirmed = known.stamp === null ? confirmSerial(known, serial, Date.now()) : null;
      return confirmed ? { kind: 'current', version: confirmed } : this.full(zoneId, null);
    }
    let version = known;
    let changes: WorkingRRSet[] = [];
    if (observed.stamp !== known.stamp || known.replayStamp) {
      const log = await this.lock.log(zoneId).catch(() => null);
      const replayed = log ? replayLog(known, log, observed) : { kind: 'reread' as const };
      if (replayed.kind === 'reread') return this.full(zoneId, observed);
      ({ version, changes } = replayed);
    }
    const now = Date.now();
    if (now - version.verifiedAt >= this.recheckMs) {
      const confirmed = confirmSerial(version, await this.serial(zoneId), now);
      if (confirmed) version = confirmed;
      // A writer at work may explain a serial the copy can't: look again on the next sync.
      else if (!observed.locked) return this.full(zoneId, observed);
    }
    return changes.length > 0
      ? { kind: 'changes', version, changes }
      : { kind: 'current', version };
  }

  /** The whole zone, with the version it is at (see versionOfRead). */
  private async full(zoneId: string, before: ObservedStamp | null): Promise<ZoneSync> {
    const zone = await this.pdns.getZone(zoneId, { rrsets: true });
    const after = before ? await this.observe(zoneId) : null;
    const rrsets = toWorking(zone.rrsets ?? []);
    // The serial of the same snapshot as the rrsets: the SOA record among them.
    const serial = soaSerial(zone.rrsets ?? []) ?? zone.serial;
    return { kind: 'full', version: versionOfRead(before, after, serial, Date.now()), rrsets };
  }

  private async observe(zoneId: string): Promise<ObservedStamp | null> {
    try {
      return await this.lock.observe(zoneId);
    } catch {
      return null;
    }
  }

  private async serial(zoneId: string): Promise<number> {
    return (await this.pdns.getZone(zoneId, { rrsets: false })).serial;
  }
}

/** The serial in the zone's SOA record (its third field), if the rrsets hold one. */
function soaSerial(rrsets: readonly PdnsRRSet[]): number | undefined {
  const soa = rrsets.find((r) => r.type === 'SOA')?.records[0]?.content;
  const serial = soa ? Number(soa.trim().split(/\s+/)[2]) : NaN;
  return Number.isSafeInteger(serial) ? serial : undefined;
}
