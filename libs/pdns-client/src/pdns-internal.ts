/**
 * Keys of PdnsClient members that only this lib's own entry points reach. This file is not exported
 * from index.ts, and the layering check refuses deep imports, so nothing outside libs/pdns-client
 * can name them.
 */

/** PdnsClient's PATCH of a zone's rrsets: exposed only through zone-patch.ts (the zone writer's). */
export const PATCH_RRSETS = Symbol('PdnsClient.patchRRSets');
