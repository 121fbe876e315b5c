import { ALIAS_GENERIC_TYPE, encodeAliasRdata } from './alias-generic';
import type { ZoneRrset } from './zone-file.types';
import { relativeName, zoneFqdn } from '@app/core';
import { exportOrder, inGroups, sortedRecords } from './zone-order';

/** Above this many characters a TXT record of several strings is written one string per line. */
const WRAP_TXT_AT = 200;
/** The owner column is padded to the longest name, up to this width. */
const MAX_NAME_COLUMN = 40;

/**
 * Writes the zone as a BIND master file that `named-checkzone` accepts and parseBindZone reads back
 * to the same rrsets: `$ORIGIN` and `$TTL` first, the apex SOA, the apex NS, then the other rrsets by
 * name (DNS canonical order) and type; owner names relative to the origin (`@` for the apex); an
 * explicit TTL on every record, so no line depends on another. Content is written as PowerDNS holds
 * it (zone-file syntax with absolute names).
 *
 * - A disabled record is a comment, `; disabled: <record>`, so BIND ignores it and the import reads
 *   it back as disabled.
 * - ALIAS, which BIND doesn't know, is written as the generic `TYPE65401 \# <len> <hex>` with the
 *   target in a comment after it.
 * - A long TXT record of several strings is wrapped in parentheses, one string per line.
 */
export function writeBindZone(zone: string, rrsets: readonly ZoneRrset[]): string {
  return [...bindZoneChunks(zone, rrsets)].join('');
}

/**
 * The same file in pieces of about EXPORT_CHUNK_RECORDS records each, made as they are asked for:
 * an export streams them without ever holding the whole text.
 */
export function* bindZoneChunks(zone: string, rrsets: readonly ZoneRrset[]): Generator<string> {
  const origin = zoneFqdn(zone);
  const ordered = exportOrder(zone, rrsets);
  let width = 1;
  let ttlWidth = 1;
  for (const rrset of ordered) {
    width = Math.max(width, Math.min(MAX_NAME_COLUMN, relativeName(rrset.name, origin).length));
    ttlWidth = Math.max(ttlWidth, String(rrset.ttl).length);
  }
  yield `$ORIGIN ${origin}\n$TTL ${defaultTtl(ordered)}\n`;
  for (const group of inGroups(ordered)) {
    const lines: string[] = [];
    for (const rrset of group) {
      const owner = relativeName(rrset.name, origin).padEnd(width);
      const type = rrset.type.toUpperCase();
      const prefix = `${owner} ${String(rrset.ttl).padEnd(ttlWidth)} IN `;
      for (const record of sortedRecords(rrset)) {
        if (record.disabled) {
          lines.push(`; disabled: ${prefix}${recordData(type, record.content, false)}\n`);
        } else {
          lines.push(`${prefix}${recordData(type, record.content, true)}\n`);
        }
      }
    }
    yield lines.join('');
  }
}

/** The TTL of the SOA (what the zone's owner chose), else the most common one, else an hour. */
function defaultTtl(rrsets: readonly ZoneRrset[]): number {
  const soa = rrsets.find((rrset) => rrset.type.toUpperCase() === 'SOA');
  if (soa) return soa.ttl;
  const counts = new Map<number, number>();
  for (const rrset of rrsets) counts.set(rrset.ttl, (counts.get(rrset.ttl) ?? 0) + 1);
  let best = 3600;
  let bestCount = 0;
  for (const [ttl, count] of counts) {
    if (count > bestCount) [best, bestCount] = [ttl, count];
  }
  return best;
}

/** `TYPE content` for one record; `wrap` allows a multi-line TXT. */
function recordData(type: string, content: string, wrap: boolean): string {
  // Content is one line in PowerDNS; a stray line break would end the record early.
  const text = content.replace(/[\r\n]+/g, ' ').trim();
  if (type === 'ALIAS') return `${ALIAS_GENERIC_TYPE} ${encodeAliasRdata(text)} ; ALIAS ${text}`;
  if (type === 'TXT' && wrap && text.length > WRAP_TXT_AT) {
    const strings = quotedStrings(text);
    if (strings !== null && strings.length > 1) {
      return `TXT ( ${strings.join('\n      ')} )`;
    }
  }
  return `${type} ${text}`;
}

/** The quoted strings of TXT content, or null if it is anything else. */
function quotedStrings(content: string): string[] | null {
  const strings = content.match(/"(?:[^"\\]|\\.)*"/g);
  return strings !== null && strings.join(' ') === content ? strings : null;
}
