import { createHash } from 'node:crypto';
import { canonicalContent } from '@app/zones';

/**
 * Record ids. PowerDNS has no record ids (a record is a line of content inside an rrset), so ScaiDNS
 * derives them, and stores one only where deriving would give the wrong answer.
 *
 * 1. Derived id: a UUID (version 8, RFC 9562 "custom", built like v5 but with SHA-256) of
 *    (zone id, FQDN, type, canonical content). The same record read twice, by any process, gets the
 *    same id without a lookup; TTL and `disabled` are not part of it, so changing them keeps the id.
 * 2. Pinned id: a PATCH that changes a record's content would change its derived id. The issue asks
 *    for ids stable across a patch of the same record, so the writer stores a pin
 *    `(zone id, FQDN, type, new canonical content) → old id` and reads prefer a pin to the derived id.
 *    `pinsAfterContentChange` computes the new pins of the rrset. Pins live in our database (a
 *    table keyed by zone id, FQDN, type, content hash), never in PowerDNS.
 * 3. Collisions: a pinned id is taken. A new record whose derived id is already pinned to another
 *    content of the rrset (PATCH a → b, then create a again) gets the next derived id
 *    (generation 1, 2, …) and `assignRecordIds` asks for a pin so the choice never flips later.
 *
 * Edits behind our back (pdnsutil, another API client): a record whose content changed gets the id of
 * its new content (no pin matches) and the old id answers 404; nothing else breaks. A pin whose
 * content is gone is reported as stale; only the per-zone writer deletes stale pins (inside the zone's
 * queue, so a read never races a write whose pin is stored just before PowerDNS commits it). Deleting a
 * record through the API deletes its pin. A pin is written before the PowerDNS PATCH: if the PATCH
 * fails the pin is stale and harmless.
 */

/** The rrset a record id belongs to. */
export interface RrsetKey {
  /** ScaiDNS's id of the zone (the domain id), so equal names in two zones get different ids. */
  readonly zoneId: string;
  /** The owner name; compared lowercase with a trailing dot. */
  readonly fqdn: string;
  readonly type: string;
}

/** An id stored for one content of an rrset (a database row). */
export interface RecordIdPin {
  /** Canonical content (see recordContentKey). */
  readonly content: string;
  readonly id: string;
}

const NAMESPACE = 'scaidns-record-id/1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True when `value` looks like a record id (any UUID: pinned ids are derived ids too). */
export function isRecordId(value: string): boolean {
  return UUID.test(value);
}

/**
 * The content a record id is derived from: canonical when ScaiDNS can parse it (so `10 MAIL.x.` and
 * `10 mail.x.` written behind our back get one id), else the trimmed text as PowerDNS holds it.
 */
export function recordContentKey(type: string, content: string, zone: string): string {
  const canonical = canonicalContent(type, content, zone, { strict: true });
  return 'content' in canonical ? canonical.content : content.trim();
}

/** The derived id of one content of an rrset; `generation` > 0 only to step around a pinned id. */
export function deriveRecordId(rrset: RrsetKey, content: string, generation = 0): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([NAMESPACE, rrset.zoneId, fqdnOf(rrset), typeOf(rrset), content]))
    .update(generation > 0 ? `#${generation}` : '')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface AssignedRecordIds {
  /** One id per content, in order. */
  readonly ids: string[];
  /** Pins to store so these ids stay as they are (new records that stepped around a pinned id). */
  readonly toPin: RecordIdPin[];
  /** Pins whose content is no longer in the rrset: the per-zone writer may delete them. */
  readonly stale: RecordIdPin[];
}

/**
 * The ids of an rrset's records (canonical contents, as read from PowerDNS), given the rrset's pins.
 * Pure and deterministic: the same contents and pins always give the same ids.
 */
export function assignRecordIds(
  rrset: RrsetKey,
  contents: readonly string[],
  pins: readonly RecordIdPin[],
): AssignedRecordIds {
  const pinned = new Map(pins.map((pin) => [pin.content, pin.id]));
  const taken = new Set(pins.map((pin) => pin.id));
  const ids: string[] = [];
  const toPin: RecordIdPin[] = [];
  for (const content of contents) {
    const pin = pinned.get(content);
    if (pin !== undefined && !ids.includes(pin)) {
      ids.push(pin);
      continue;
    }
    let generation = 0;
    let id = deriveRecordId(rrset, content);
    while (taken.has(id) || ids.includes(id)) id = deriveRecordId(rrset, content, ++generation);
    if (generation > 0) toPin.push({ content, id });
    ids.push(id);
  }
  const present = new Set(contents);
  return { ids, toPin, stale: pins.filter((pin) => !present.has(pin.content)) };
}

/**
 * The rrset's pins after the record `id` changed content from `from` to `to` (both canonical): the id
 * follows the record. A pin that would equal the derived id is dropped (nothing needs storing), as is
 * the pin of the old content.
 */
export function pinsAfterContentChange(
  rrset: RrsetKey,
  pins: readonly RecordIdPin[],
  change: { readonly id: string; readonly from: string; readonly to: string },
): RecordIdPin[] {
  const kept = pins.filter((pin) => pin.content !== change.from && pin.content !== change.to);
  const derived = deriveRecordId(rrset, change.to);
  if (derived === change.id && !kept.some((pin) => pin.id === derived)) return kept;
  return [...kept, { content: change.to, id: change.id }];
}

function fqdnOf(rrset: RrsetKey): string {
  const lower = rrset.fqdn.trim().toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

function typeOf(rrset: RrsetKey): string {
  return rrset.type.trim().toUpperCase();
}
