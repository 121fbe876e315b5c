import { PdnsClient } from './pdns.client';
import { PATCH_RRSETS } from './pdns-internal';
import type { PdnsRRSetChange } from './pdns.types';

export { PdnsZoneUpdater, type UpdateRRSet, type ZoneUpdateOutcome } from './zone-update';

/**
 * PowerDNS's two ways of changing a zone's rrsets, apart from the rest of the client: the PATCH below
 * and RFC 2136 updates (PdnsZoneUpdater, re-exported here). `@app/pdns-client/zone-patch` may be
 * imported by the zone writer alone (the layering check enforces it; zone-update.ts can't be reached
 * from outside the lib but through here), so every change to a zone's rrsets takes the writer's lock,
 * working set and rules.
 */
export class PdnsZonePatcher {
  constructor(private readonly pdns: PdnsClient) {}

  /** One backend transaction: every change applies or none does. */
  patchRRSets(zone: string, rrsets: readonly PdnsRRSetChange[]): Promise<void> {
    return this.pdns[PATCH_RRSETS](zone, rrsets);
  }
}
