import { isInZone, nameToUnicode, resolveName, zoneApex } from './dns-name';

/** The relative name of the zone apex. */
export const APEX_NAME = '@';

export interface RecordName {
  /** Lowercase ASCII (punycode) with the trailing dot: what PowerDNS stores (`www.example.com.`). */
  readonly fqdn: string;
  /** Relative to the zone, `@` for the apex: what access grants' record patterns match (`www`). */
  readonly relative: string;
  /** The Unicode form of `fqdn` for display (`bücher.example.com.`); equal to `fqdn` for ASCII names. */
  readonly display: string;
}

export interface RecordNameOptions {
  /**
   * Zone-file rules: a name without a trailing dot is always relative to the zone. Import uses this
   * (with `zone` set to the file's current `$ORIGIN` where that differs, then checks the FQDN).
   */
  readonly strict?: boolean;
}

/**
 * Turns a record name as a person or a file wrote it into the owner name PowerDNS stores, or says why
 * it can't be one.
 *
 * Accepted: `@` (the apex; an empty name is refused rather than guessed), a leaf (`www`), a relative name of several labels (`a.b`), an
 * absolute name inside the zone (`www.example.com.`), a wildcard as the whole leftmost label (`*`,
 * `*.dev`), Unicode labels (converted to punycode), underscore labels (`_dmarc`, `_sip._tcp`).
 *
 * Decision: a name WITHOUT a trailing dot that already ends in the zone's name (`www.example.com` in
 * `example.com`) is taken as absolute, not as `www.example.com.example.com.`: people paste FQDNs without
 * the dot far more often than they mean the doubled name. `strict` turns this off (zone files).
 */
export function normalizeRecordName(
  input: string,
  zone: string,
  options: RecordNameOptions = {},
): RecordName | { error: string } {
  const apex = zoneApex(zone);
  if (input.trim() === '') return { error: 'The record name is empty; use @ for the zone apex' };
  const resolved = resolveName(input, apex, {
    wildcard: true,
    underscore: true,
    strict: options.strict ?? false,
  });
  if ('reason' in resolved)
    return { error: `The record name '${input.trim()}' ${resolved.reason}` };
  const { name } = resolved;
  if (!isInZone(name, apex)) {
    return {
      error: `The record name '${input.trim()}' is outside the zone ${apex}; use a name relative to the zone (www, @) or a full name ending in .${apex}`,
    };
  }
  const relative = name === apex ? APEX_NAME : name.slice(0, -(apex.length + 1));
  return { fqdn: `${name}.`, relative, display: `${nameToUnicode(name)}.` };
}
