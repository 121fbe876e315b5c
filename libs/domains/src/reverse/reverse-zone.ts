import { isIP } from 'node:net';

export type ReverseDomainType = 'reverse_ipv4' | 'reverse_ipv6';

/** The reverse zone that serves a CIDR, as `POST /reverse-zones/preview` shows it. */
export interface ReverseZone {
  /** No trailing dot: `2.0.192.in-addr.arpa`, `64/26.100.51.198.in-addr.arpa`. */
  readonly zoneName: string;
  readonly startIp: string;
  readonly endIp: string;
  /** Decimal string: an IPv6 count does not fit a JSON number. */
  readonly ipCount: string;
  readonly domainType: ReverseDomainType;
  /** The CIDR in canonical form: `2001:db8:1234::/48`. */
  readonly network: string;
}

type Family = 4 | 6;

interface Address {
  readonly family: Family;
  readonly value: bigint;
}

interface Network {
  readonly family: Family;
  /** The first address; host bits are zero. */
  readonly base: bigint;
  readonly prefix: number;
}

const BITS: Record<Family, number> = { 4: 32, 6: 128 };
const IPV4_ARPA = '.in-addr.arpa';
const IPV6_ARPA = '.ip6.arpa';
/** ::ffff:0:0/96, the IPv4-mapped IPv6 range (RFC 4291 §2.5.5.2). */
const MAPPED_BASE = 0xffffn << 32n;
const MAPPED_PREFIX = 96;

/**
 * The zone for a CIDR, by the rules of the reverse-zone API: IPv4 /8, /16, /24 → the octet zone;
 * IPv4 /25–/32 → an RFC 2317 classless zone `<first octet>/<prefix>.<c>.<b>.<a>.in-addr.arpa`;
 * IPv6 nibble-aligned /4–/124 → the nibble zone. Anything else is refused with the reason.
 *
 * An IPv4-mapped IPv6 network (inside ::ffff:0:0/96) is refused: PTR queries for those hosts go to
 * in-addr.arpa, so the IPv4 CIDR is what the user means.
 */
export function reverseZoneForCidr(cidr: string): ReverseZone | { error: string } {
  const text = cidr.trim();
  const fail = (reason: string) => ({ error: `Invalid CIDR '${text}': ${reason}` });
  const parsed = parseNetwork(text);
  if (parsed === null) return fail('not a CIDR (expected address/prefix, e.g. 192.0.2.0/24)');
  const { family, value, prefix } = parsed;

  if (family === 4 && !(prefix === 8 || prefix === 16 || prefix === 24 || prefix >= 25)) {
    return fail('IPv4 prefixes must be /8, /16, /24 or /25–/32');
  }
  if (family === 6 && (prefix % 4 !== 0 || prefix < 4 || prefix > 124)) {
    return fail('IPv6 prefixes must be a multiple of 4 between /4 and /124');
  }
  const base = value & prefixMask(family, prefix);
  if (base !== value) {
    return fail(`host bits are set: did you mean ${formatIp(family, base)}/${prefix}?`);
  }
  if (family === 6 && prefix >= MAPPED_PREFIX && base >> 32n === MAPPED_BASE >> 32n) {
    const v4 = formatIp(4, base & 0xffffffffn);
    return fail(
      `an IPv4-mapped IPv6 network: use the IPv4 form ${v4}/${prefix - MAPPED_PREFIX} instead`,
    );
  }

  const net: Network = { family, base, prefix };
  const hostBits = BigInt(BITS[family] - prefix);
  return {
    zoneName: zoneNameOf(net),
    startIp: formatIp(family, base),
    endIp: formatIp(family, base | ((1n << hostBits) - 1n)),
    ipCount: (1n << hostBits).toString(),
    domainType: family === 4 ? 'reverse_ipv4' : 'reverse_ipv6',
    network: `${formatIp(family, base)}/${prefix}`,
  };
}

/**
 * The CIDR a reverse zone name stands for (the inverse of reverseZoneForCidr), or null when the
 * name is not a zone reverseZoneForCidr would make. `64/26.100.51.198.in-addr.arpa` → `198.51.100.64/26`.
 */
export function reverseZoneCidr(zoneName: string): string | null {
  const net = networkOfZone(canonicalName(zoneName));
  return net && `${formatIp(net.family, net.base)}/${net.prefix}`;
}

/**
 * The owner name (no trailing dot) of the PTR record for `ip` in a reverse zone, given by its name
 * or its CIDR. In an RFC 2317 zone the PTR sits under the zone: 198.51.100.70 in
 * `64/26.100.51.198.in-addr.arpa` → `70.64/26.100.51.198.in-addr.arpa`. An IPv4-mapped IPv6 address
 * counts as its IPv4 address.
 */
export function ptrRecordName(ip: string, zone: string): { name: string } | { error: string } {
  const net = zoneNetwork(zone);
  if (net === null) return { error: `'${zone}' is not a reverse zone` };
  const address = addressFor(ip, net.family);
  if (address === null) {
    return parseIp(ip.trim()) === null
      ? { error: `'${ip}' is not an IP address` }
      : { error: `${ip.trim()} is not an IPv${net.family} address` };
  }
  if (!contains(net, address.value)) {
    return {
      error: `${formatIp(address.family, address.value)} is outside ${formatIp(net.family, net.base)}/${net.prefix}`,
    };
  }
  if (net.family === 4) {
    const octets = ipv4Octets(address.value);
    if (net.prefix > 24) return { name: `${octets[3]}.${zoneNameOf(net)}` };
    return { name: `${octets.reverse().join('.')}${IPV4_ARPA}` };
  }
  return { name: `${nibbles(address.value).reverse().join('.')}${IPV6_ARPA}` };
}

/**
 * The IP a PTR owner name in a zone stands for (the inverse of ptrRecordName), canonical; null for a
 * name that is not one host of the zone (the apex, a wildcard, a name outside the zone, a partial name).
 */
export function ipFromPtrName(name: string, zone: string): string | null {
  const net = zoneNetwork(zone);
  if (net === null) return null;
  const zoneName = zoneNameOf(net);
  const owner = canonicalName(name);
  if (!owner.endsWith(`.${zoneName}`)) return null;
  const labels = owner.slice(0, -(zoneName.length + 1)).split('.');

  let value: bigint;
  if (net.family === 4) {
    const octetLabels =
      net.prefix > 24
        ? labels.length === 1
          ? [...labels, ...ipv4Octets(net.base).slice(0, 3).reverse().map(String)]
          : null
        : [...labels, ...zoneName.slice(0, -IPV4_ARPA.length).split('.')];
    if (octetLabels === null || octetLabels.length !== 4) return null;
    const text = octetLabels.reverse().join('.');
    if (isIP(text) !== 4) return null;
    value = parseIp(text)?.value ?? -1n;
  } else {
    const all = [...labels, ...zoneName.slice(0, -IPV6_ARPA.length).split('.')];
    if (all.length !== 32 || !all.every((n) => /^[0-9a-f]$/.test(n))) return null;
    value = BigInt(`0x${all.reverse().join('')}`);
  }
  return contains(net, value) ? formatIp(net.family, value) : null;
}

/**
 * Whether `ip` lies inside `cidr` (host bits of the CIDR are ignored). An IPv4-mapped IPv6 address
 * is inside an IPv4 CIDR when its IPv4 address is, as node's BlockList decides it.
 */
export function ipInCidr(ip: string, cidr: string): boolean {
  const parsed = parseNetwork(cidr.trim());
  if (parsed === null) return false;
  const net: Network = {
    family: parsed.family,
    base: parsed.value & prefixMask(parsed.family, parsed.prefix),
    prefix: parsed.prefix,
  };
  const address = addressFor(ip, net.family);
  return address !== null && contains(net, address.value);
}

/**
 * The canonical text of an IP address, or null if it is not one: IPv4 dotted quad; IPv6 lowercase
 * and compressed by RFC 5952 (`2001:DB8:0:0::1` → `2001:db8::1`, `::ffff:192.0.2.1` stays mixed).
 */
export function normalizeIp(ip: string): string | null {
  const address = parseIp(ip.trim());
  return address && formatIp(address.family, address.value);
}

function canonicalName(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

function prefixMask(family: Family, prefix: number): bigint {
  const bits = BigInt(BITS[family]);
  const all = (1n << bits) - 1n;
  return (all << (bits - BigInt(prefix))) & all;
}

function contains(net: Network, value: bigint): boolean {
  return (value & prefixMask(net.family, net.prefix)) === net.base;
}

/** `ip` as an address of `family`, unwrapping an IPv4-mapped IPv6 address for an IPv4 network. */
function addressFor(ip: string, family: Family): Address | null {
  const address = parseIp(ip.trim());
  if (address === null) return null;
  if (address.family === family) return address;
  if (family === 4 && address.value >> 32n === MAPPED_BASE >> 32n) {
    return { family: 4, value: address.value & 0xffffffffn };
  }
  return null;
}

/** A zone given by its name or by a CIDR. */
function zoneNetwork(zone: string): Network | null {
  const name = canonicalName(zone);
  const fromName = networkOfZone(name);
  if (fromName !== null) return fromName;
  const made = reverseZoneForCidr(zone);
  return 'error' in made ? null : networkOfZone(made.zoneName);
}

function networkOfZone(name: string): Network | null {
  if (name.endsWith(IPV4_ARPA)) {
    const labels = name.slice(0, -IPV4_ARPA.length).split('.');
    const classless = /^(\d{1,3})\/(\d{1,2})$/.exec(labels[0]);
    if (classless) {
      if (labels.length !== 4) return null;
      const text = `${labels.slice(1).reverse().join('.')}.${classless[1]}`;
      const prefix = Number(classless[2]);
      const address = isIP(text) === 4 ? parseIp(text) : null;
      if (address === null || prefix < 25 || prefix > 32) return null;
      if ((address.value & prefixMask(4, prefix)) !== address.value) return null;
      return { family: 4, base: address.value, prefix };
    }
    if (labels.length < 1 || labels.length > 3) return null;
    const octets = labels.reverse();
    const text = [...octets, '0', '0', '0'].slice(0, 4).join('.');
    const address = isIP(text) === 4 ? parseIp(text) : null;
    return address && { family: 4, base: address.value, prefix: octets.length * 8 };
  }
  if (name.endsWith(IPV6_ARPA)) {
    const labels = name.slice(0, -IPV6_ARPA.length).split('.');
    if (labels.length < 1 || labels.length > 31 || !labels.every((n) => /^[0-9a-f]$/.test(n))) {
      return null;
    }
    const hex = labels.reverse().join('').padEnd(32, '0');
    return { family: 6, base: BigInt(`0x${hex}`), prefix: labels.length * 4 };
  }
  return null;
}

function zoneNameOf(net: Network): string {
  if (net.family === 4) {
    const octets = ipv4Octets(net.base);
    if (net.prefix > 24) {
      return `${octets[3]}/${net.prefix}.${octets.slice(0, 3).reverse().join('.')}${IPV4_ARPA}`;
    }
    return `${octets
      .slice(0, net.prefix / 8)
      .reverse()
      .join('.')}${IPV4_ARPA}`;
  }
  return `${nibbles(net.base)
    .slice(0, net.prefix / 4)
    .reverse()
    .join('.')}${IPV6_ARPA}`;
}

function ipv4Octets(value: bigint): number[] {
  return [24n, 16n, 8n, 0n].map((shift) => Number((value >> shift) & 0xffn));
}

function nibbles(value: bigint): string[] {
  return [...value.toString(16).padStart(32, '0')];
}

function parseNetwork(text: string): (Address & { prefix: number }) | null {
  const m = /^([^/\s]+)\/(\d{1,3})$/.exec(text);
  if (!m) return null;
  const address = parseIp(m[1]);
  const prefix = Number(m[2]);
  if (address === null || prefix > BITS[address.family]) return null;
  return { ...address, prefix };
}

function parseIp(text: string): Address | null {
  const family = isIP(text);
  if (family === 4) {
    const value = text.split('.').reduce((acc, octet) => (acc << 8n) | BigInt(octet), 0n);
    return { family: 4, value };
  }
  // node's isIP accepts a zone id (`fe80::1%eth0`); a zone id has no place in DNS.
  if (family !== 6 || text.includes('%')) return null;
  return { family: 6, value: parseIpv6(text) };
}

/** `text` has passed isIP(text) === 6, so only its shape is read here. */
function parseIpv6(text: string): bigint {
  let body = text.toLowerCase();
  let tail: string[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (v4) {
    const octets = v4[1].split('.').map(Number);
    tail = [
      ((octets[0] << 8) | octets[1]).toString(16),
      ((octets[2] << 8) | octets[3]).toString(16),
    ];
    body = body.slice(0, -v4[1].length);
    // `::1.2.3.4` leaves `::`, `::ffff:1.2.3.4` leaves `::ffff:`: drop a single trailing colon.
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
  }
  const [head, rest] = body.split('::') as [string, string | undefined];
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  let groups: string[];
  if (rest === undefined) {
    groups = [...headGroups, ...tail];
  } else {
    const missing = 8 - headGroups.length - restGroups.length - tail.length;
    groups = [...headGroups, ...Array<string>(missing).fill('0'), ...restGroups, ...tail];
  }
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(`0x${group}`), 0n);
}

function formatIp(family: Family, value: bigint): string {
  if (family === 4) return ipv4Octets(value).join('.');
  if (value >> 32n === MAPPED_BASE >> 32n) return `::ffff:${formatIp(4, value & 0xffffffffn)}`;
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) =>
    Number((value >> shift) & 0xffffn),
  );
  // RFC 5952 §4.2: compress the longest run of two or more zero groups, the first one on a tie.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  const left = hex.slice(0, bestStart).join(':');
  const right = hex.slice(bestStart + bestLength).join(':');
  return `${left}::${right}`;
}
