import { Injectable } from '@nestjs/common';
import { type Domain, Metrics } from '@app/core';
import { managedZoneId, ZoneReadSync, type ZoneVersion } from '@app/zones';
import { type ZonePinMap, ZoneRecords } from './zone-records';

/** Records the indexed copies of all zones may hold together; the least recently read go first. */
const MAX_INDEXED_RECORDS = 250_000;

interface Indexed {
  version: ZoneVersion;
  readonly records: ZoneRecords;
}

/**
 * Zones' records, indexed in memory for reads (see ZoneRecords) and kept current by ZoneReadSync:
 * a read costs one Redis round trip when nobody wrote the zone since the last, the rrsets a few
 * commits changed when somebody did, and a whole-zone read from PowerDNS only when nothing else can
 * tell (the first read, an edit made outside ScaiDNS, a commit too large to log). Reads of one zone
 * take turns, so a whole-zone read is made once for all readers waiting on it.
 */
@Injectable()
export class RecordReader {
  private readonly zones = new Map<string, Indexed>();
  private readonly turns = new Map<string, Promise<unknown>>();

  constructor(
    private readonly sync: ZoneReadSync,
    private readonly metrics: Metrics,
  ) {}

  /** The domain's records as PowerDNS holds them now, with ids from `pins`. */
  async records(domain: Domain, pins: ZonePinMap): Promise<ZoneRecords> {
    const zoneId = managedZoneId(domain);
    const key = `${domain.id}|${zoneId}`;
    const previous = this.turns.get(key) ?? Promise.resolve();
    const turn = previous
      .catch(() => undefined)
      .then(() => this.refresh(key, zoneId, domain, pins));
    this.turns.set(key, turn);
    try {
      return await turn;
    } finally {
      if (this.turns.get(key) === turn) this.turns.delete(key);
    }
  }

  private async refresh(
    key: string,
    zoneId: string,
    domain: Domain,
    pins: ZonePinMap,
  ): Promise<ZoneRecords> {
    const cached = this.zones.get(key);
    const synced = await this.sync.sync(zoneId, cached?.version ?? null).catch((error) => {
      this.zones.delete(key);
      throw error;
    });
    this.metrics.zoneReads.labels(synced.kind).inc();
    let indexed: Indexed;
    if (synced.kind === 'full') {
      indexed = { version: synced.version, records: new ZoneRecords(domain, synced.rrsets, pins) };
    } else {
      // A sync from no copy is always a whole-zone read.
      if (!cached) throw new Error(`zone ${zoneId}: a ${synced.kind} sync without a copy`);
      indexed = cached;
      indexed.version = synced.version;
      indexed.records.setPins(pins);
      if (synced.kind === 'changes') indexed.records.apply(synced.changes);
    }
    this.zones.delete(key);
    this.zones.set(key, indexed);
    this.evict(key);
    return indexed.records;
  }

  /** Drops the least recently read zones beyond MAX_INDEXED_RECORDS (never the one just read). */
  private evict(keep: string): void {
    let total = 0;
    for (const { records } of this.zones.values()) total += records.size;
    for (const [key, { records }] of this.zones) {
      if (total <= MAX_INDEXED_RECORDS) break;
      if (key === keep) continue;
      this.zones.delete(key);
      total -= records.size;
    }
  }
}
