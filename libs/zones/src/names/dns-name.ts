import { isIP } from 'node:net';
import { domainToASCII, domainToUnicode } from 'node:url';
import { zoneApex } from '@app/core';

export { zoneApex };

/** Longest name in presentation form without the trailing dot (255 octets on the wire). */
export const MAX_NAME_LENGTH = 253;
export const MAX_LABEL_LENGTH = 63;

/** Full stops that IDNA (UTS #46) maps to `.`: ideographic, fullwidth and halfwidth ideographic. */
const IDN_DOTS = /[\u3002\uff0e\uff61]/g;

/** What a name may contain besides letters, digits and inner hyphens. */
export interface NamePolicy {
  /** `*` as the whole leftmost label (record owner names only). */
  readonly wildcard: boolean;
  /** `_` in labels (`_dmarc`, `_sip._tcp`): fine for owners and alias targets, not for host names. */
  readonly underscore: boolean;
  /**
   * Zone-file rules for a name without a trailing dot: it is always relative to the zone. Without
   * `strict`, a name that already ends in the zone's name (`www.example.com` in `example.com`) is taken
   * as absolute, because `www.example.com.example.com.` is almost never what a person meant.
   */
  readonly strict: boolean;
}

/** A name resolved against its zone: lowercase ASCII (punycode), no trailing dot; `''` is the root. */
export type ResolvedName = { readonly name: string } | { readonly reason: string };

/** True when `name` is the apex or lies under it (both lowercase ASCII, no trailing dot). */
export function isInZone(name: string, apex: string): boolean {
  return name === apex || name.endsWith(`.${apex}`);
}

/**
 * Resolves `input` (`@`, `.`, relative or absolute, Unicode or ASCII) against the zone apex, or says
 * why it is not a usable name. The caller words the reason for its field ("MX target …").
 */
export function resolveName(input: string, apex: string, policy: NamePolicy): ResolvedName {
  const text = input.trim().replace(IDN_DOTS, '.');
  if (text === '') return { reason: 'is empty' };
  if (text === '@') return { name: apex };
  if (text === '.') return { name: '' };
  const absolute = text.endsWith('.');
  const body = absolute ? text.slice(0, -1) : text;
  if (isIP(body) !== 0 || isIP(body.replace(/^\[|\]$/g, '')) !== 0) {
    return { reason: 'must be a host name, not an IP address' };
  }

  const labels: string[] = [];
  const raw = body.split('.');
  for (const [index, label] of raw.entries()) {
    const ascii = labelToAscii(label, index, policy, allowsSlash(body, apex));
    if (typeof ascii !== 'string') return ascii;
    labels.push(ascii);
  }
  const joined = labels.join('.');
  let name: string;
  if (absolute || (!policy.strict && isInZone(joined, apex))) name = joined;
  else name = apex === '' ? joined : `${joined}.${apex}`;
  if (name.length > MAX_NAME_LENGTH) {
    return {
      reason: `is ${name.length} characters long as a full name (${name}.); at most ${MAX_NAME_LENGTH} are allowed`,
    };
  }
  return { name };
}

/** The Unicode form of an ASCII name, label by label, for display. */
export function nameToUnicode(name: string): string {
  return name
    .split('.')
    .map((label) => (label.startsWith('xn--') ? domainToUnicode(label) || label : label))
    .join('.');
}

/** A name in PowerDNS's canonical form: trailing dot, `.` for the root. */
export function withRootDot(name: string): string {
  return `${name}.`.replace(/^\.\.$/, '.');
}

/**
 * `/` only appears in RFC 2317 classless reverse names (`64/26.100.51.198.in-addr.arpa`), which
 * PowerDNS prints unescaped; anywhere else it is almost certainly a typo.
 */
function allowsSlash(body: string, apex: string): boolean {
  return /\.in-addr\.arpa$/i.test(body) || apex.endsWith('in-addr.arpa');
}

/** How a label is named in a message: long labels are shortened so the message stays readable. */
function shown(label: string): string {
  return label.length > 20 ? `${label.slice(0, 20)}…` : label;
}

function labelToAscii(
  label: string,
  index: number,
  policy: NamePolicy,
  slash: boolean,
): string | { reason: string } {
  if (label === '') return { reason: 'has an empty label (two dots in a row, or a leading dot)' };
  if (label === '*') {
    return policy.wildcard && index === 0
      ? label
      : {
          reason: policy.wildcard
            ? "may only have '*' as its leftmost label (*.example.com or *.dev)"
            : "can't contain '*'",
        };
  }
  let ascii = label.toLowerCase();
  const isAscii = /^\p{ASCII}*$/u.test(label);
  if (!isAscii || ascii.startsWith('xn--')) {
    const converted = domainToASCII(ascii);
    if (converted === '' || converted.includes('.') || (isAscii && converted !== ascii)) {
      return {
        reason: `has a label '${shown(label)}' that is not a valid internationalised label`,
      };
    }
    ascii = converted;
  }
  if (ascii.length > MAX_LABEL_LENGTH) {
    return {
      reason: `has a label '${shown(label)}' longer than ${MAX_LABEL_LENGTH} characters`,
    };
  }
  const allowed = new RegExp(`^[a-z0-9${policy.underscore ? '_' : ''}${slash ? '/' : ''}-]+$`);
  if (!allowed.test(ascii)) {
    const bad = [...ascii].find((ch) => !allowed.test(ch)) ?? '';
    const what = /^\s$/.test(bad) ? 'a space' : `'${bad}'`;
    const extra = policy.underscore ? ', underscores' : '';
    const hint = bad === '_' ? ' (underscores are for names like _dmarc, not host names)' : '';
    const star = bad === '*' && policy.wildcard ? " ('*' must be a whole label: *.dev)" : '';
    return {
      reason: `has a label '${shown(label)}' containing ${what}; only letters, digits${extra} and hyphens are allowed${hint}${star}`,
    };
  }
  if (ascii.startsWith('-') || ascii.endsWith('-')) {
    return { reason: `has a label '${shown(label)}' that starts or ends with a hyphen` };
  }
  return ascii;
}
