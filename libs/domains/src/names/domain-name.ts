import { isIP } from 'node:net';
import { domainToASCII, domainToUnicode } from 'node:url';
import { getDomain, parse as parseHostname } from 'tldts';

export interface NormalizedDomainName {
  /** Lowercase ASCII (punycode) form without a trailing dot: what is stored and sent to PowerDNS. */
  readonly name: string;
  /** The Unicode form for display; equal to `name` for an ASCII-only name. */
  readonly unicodeName: string;
}

export type ReverseZoneKind = 'reverse_ipv4' | 'reverse_ipv6';

const MAX_NAME_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;
const LDH_LABEL = /^[a-z0-9-]+$/;
/** Full stops that IDNA (UTS #46) maps to `.`: ideographic, fullwidth and halfwidth ideographic. */
const IDN_DOTS = /[\u3002\uff0e\uff61]/g;
/** An RFC 2317 classless reverse zone, `64/26.100.51.198.in-addr.arpa`: the only place `/` is allowed. */
const CLASSLESS_IPV4_REVERSE = /^\d{1,3}\/\d{1,2}(\.\d{1,3}){3}\.in-addr\.arpa$/;

/**
 * Turns what a person typed into the zone name ScaiDNS stores, or says in plain words why it can't.
 *
 * Decisions:
 * - Labels are LDH (letters, digits, hyphen; no hyphen at either end). `_` is refused: underscore
 *   names (`_dmarc`, `_acme-challenge`, `_sip._tcp`) are records inside a zone, not zones.
 * - The one exception is the RFC 2317 classless reverse zone name (`64/26.100.51.198.in-addr.arpa`),
 *   whose `/` is legal in DNS and which the reverse-zone flow produces.
 * - A bare public suffix is refused using the ICANN section of the Public Suffix List only (`com`,
 *   `co.uk`, `in-addr.arpa`): private-section suffixes such as `github.io` are real zones whose
 *   owner (GitHub) could host them, so refusing them would lock that owner out.
 * - Each non-ASCII label is converted on its own with `domainToASCII`, so the WHATWG host parser
 *   never sees the whole input (it would percent-decode, split at `/` and read `0x7f.1` as an IPv4).
 */
export function normalizeDomainName(input: string): NormalizedDomainName | { error: string } {
  let text = input.trim().replace(IDN_DOTS, '.');
  if (text.endsWith('.')) text = text.slice(0, -1);
  if (text === '') return invalid('the name is empty');
  if (isIP(text) !== 0 || isIP(text.replace(/^\[|\]$/g, '')) !== 0) {
    return invalid(`${text} is an IP address; for reverse DNS create a reverse zone from a CIDR`);
  }

  const lower = text.toLowerCase();
  const labels: string[] = [];
  if (CLASSLESS_IPV4_REVERSE.test(lower)) {
    labels.push(...lower.split('.'));
  } else {
    for (const label of text.split('.')) {
      const ascii = labelToAscii(label, text);
      if (typeof ascii !== 'string') return ascii;
      labels.push(ascii);
    }
  }

  const name = labels.join('.');
  if (name.length > MAX_NAME_LENGTH) {
    return invalid(
      `the name is ${name.length} characters long; at most ${MAX_NAME_LENGTH} are allowed`,
    );
  }
  if (/^\d+$/.test(labels[labels.length - 1])) {
    return invalid(`the top-level label '${labels[labels.length - 1]}' is all digits`);
  }
  if (isIcannPublicSuffix(name)) return invalid(`${name} is a public suffix`);
  if (labels.length < 2) {
    return invalid(`${name} has a single label; a zone needs at least two (e.g. example.com)`);
  }
  return { name, unicodeName: labels.map(labelToUnicode).join('.') };
}

/** `child` equals `parent` or lies under it, label-wise: `a.example.com` is under `example.com`, `notexample.com` is not. */
export function isSameOrSubdomain(child: string, parent: string): boolean {
  const c = canonical(child);
  const p = canonical(parent);
  return c === p || c.endsWith(`.${p}`);
}

/** True when one of the names is the other or lies under it (the cross-tenant conflict rule). */
export function overlaps(a: string, b: string): boolean {
  return isSameOrSubdomain(a, b) || isSameOrSubdomain(b, a);
}

/**
 * The name every zone that could overlap `name` lies under: its registrable domain (`example.co.uk`
 * for `a.b.example.co.uk`), or for reverse zones the first label under `in-addr.arpa`/`ip6.arpa`
 * (classless names have a `/` the public-suffix list does not parse).
 */
export function nameTreeRoot(name: string): string {
  const n = canonical(name);
  const labels = n.split('.');
  if (reverseZoneKind(n)) return labels.slice(-3).join('.');
  return getDomain(n, { allowPrivateDomains: false }) ?? labels.slice(-2).join('.');
}

/** Which reverse tree a zone name belongs to, or null for a forward zone. */
export function reverseZoneKind(name: string): ReverseZoneKind | null {
  const n = canonical(name);
  if (n.endsWith('.in-addr.arpa')) return 'reverse_ipv4';
  if (n.endsWith('.ip6.arpa')) return 'reverse_ipv6';
  return null;
}

function canonical(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

function invalid(reason: string): { error: string } {
  return { error: `Invalid domain name: ${reason}` };
}

/** How a label is named in a message: long labels are shortened so the message stays readable. */
function shown(label: string): string {
  return label.length > 20 ? `${label.slice(0, 20)}…` : label;
}

function labelToAscii(label: string, whole: string): string | { error: string } {
  if (label === '')
    return invalid(`'${whole}' has an empty label (two dots in a row, or a leading dot)`);
  let ascii = label.toLowerCase();
  const isAscii = /^\p{ASCII}*$/u.test(label);
  if (!isAscii || ascii.startsWith('xn--')) {
    const converted = domainToASCII(ascii);
    if (converted === '' || converted.includes('.') || (isAscii && converted !== ascii)) {
      return invalid(`label '${shown(label)}' is not a valid internationalised label`);
    }
    ascii = converted;
  }
  if (ascii.length > MAX_LABEL_LENGTH) {
    return invalid(`label '${shown(label)}' is longer than ${MAX_LABEL_LENGTH} characters`);
  }
  if (!LDH_LABEL.test(ascii)) {
    const bad = [...ascii].find((ch) => !/[a-z0-9-]/.test(ch)) ?? '';
    const hint = bad === '_' ? ' (names like _dmarc are records inside a zone, not zones)' : '';
    const what = /^\s$/.test(bad) ? 'a space' : `'${bad}'`;
    return invalid(
      `label '${shown(label)}' contains ${what}; only letters, digits and hyphens are allowed${hint}`,
    );
  }
  if (ascii.startsWith('-')) return invalid(`label '${shown(label)}' starts with a hyphen`);
  if (ascii.endsWith('-')) return invalid(`label '${shown(label)}' ends with a hyphen`);
  return ascii;
}

/** Per label, for the same reason as labelToAscii: the whole name is not a WHATWG host. */
function labelToUnicode(label: string): string {
  return label.startsWith('xn--') ? domainToUnicode(label) || label : label;
}

function isIcannPublicSuffix(name: string): boolean {
  const parsed = parseHostname(name, {
    allowPrivateDomains: false,
    extractHostname: false,
    detectIp: false,
    validateHostname: false,
  });
  return parsed.isIcann === true && parsed.publicSuffix === name;
}
