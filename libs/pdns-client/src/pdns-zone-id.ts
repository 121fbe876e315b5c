const ID_SAFE = /[A-Za-z0-9.-]/;

/** A zone name with its trailing dot and lowercased, as PowerDNS stores it. */
export function canonicalZoneName(name: string): string {
  const trimmed = name.trim().toLowerCase();
  return trimmed.endsWith('.') ? trimmed : `${trimmed}.`;
}

/**
 * The id PowerDNS gives a zone (apiZoneNameToId in its source): the canonical name with every
 * character outside `[A-Za-z0-9.-]` written as `=XX`, so `64/26.100.51.198.in-addr.arpa.` becomes
 * `64=2F26.100.51.198.in-addr.arpa.`. The root zone is `=2E` because a lone dot does not survive
 * every URL handler. Prefer the `id` PowerDNS returns; this is for names we have not fetched.
 */
export function pdnsZoneId(name: string): string {
  const canonical = canonicalZoneName(name);
  if (canonical === '.') return '=2E';
  let id = '';
  for (const char of canonical) {
    if (ID_SAFE.test(char)) {
      id += char;
      continue;
    }
    // Names are in presentation format (non-ASCII already \DDD-escaped), so every char is one byte.
    for (const byte of Buffer.from(char, 'utf8')) {
      id += `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return id;
}

const ID_CHARS = /^[A-Za-z0-9.=-]+$/;

/**
 * Accepts a zone id or a zone name: anything an id cannot contain (`/`, `_`, `*`, …) marks a name,
 * which is turned into its id. The result is percent-encoded for the URL path (`=` becomes `%3D`).
 */
export function zoneIdPathSegment(zone: string): string {
  const id = ID_CHARS.test(zone) ? zone : pdnsZoneId(zone);
  return encodeURIComponent(id);
}
