import { isIPv4, isIPv6 } from 'node:net';
import type { ContentResult } from './content-result';

const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** A: a dotted quad without leading zeros (`010.0.0.1` is octal to some tools, decimal to others). */
export function canonicalA(content: string): ContentResult {
  const text = content.trim();
  if (isIPv6(text)) {
    return { error: `A content must be an IPv4 address; ${text} is IPv6, use an AAAA record` };
  }
  const quad = DOTTED_QUAD.exec(text);
  if (!quad || quad.slice(1).some((part) => Number(part) > 255)) {
    return { error: `A content must be an IPv4 address like 192.0.2.1 (got '${text}')` };
  }
  if (quad.slice(1).some((part) => part.length > 1 && part.startsWith('0'))) {
    return {
      error: `A address ${text} has a number with a leading zero; write each number without leading zeros`,
    };
  }
  return { content: text };
}

/**
 * AAAA exactly as PowerDNS 4.7 prints it (glibc's inet_ntop): RFC 5952 form — lowercase, no leading
 * zeros, the first longest run of two or more zero groups as `::` — except that an IPv4-mapped
 * address (`::ffff:0:0/96`) and an IPv4-compatible one (`::/96` with a non-zero seventh group) end
 * in a dotted quad: `::ffff:192.0.2.1`, `::192.0.2.1`. Any spelling of an address (hex or dotted,
 * any case, compressed or not) gives that one form, so a record keeps its id whichever way it was
 * written and compares equal to what PowerDNS lists.
 *
 * PowerDNS refuses a dotted tail on input ("Invalid IPv6 address") although it prints one; the
 * PowerDNS client writes those in hex on the way out (pdnsRecordContent), nothing else sees that form.
 */
export function canonicalAaaa(content: string): ContentResult {
  const text = content.trim();
  if (isIPv4(text)) {
    return { error: `AAAA content must be an IPv6 address; ${text} is IPv4, use an A record` };
  }
  if (text.includes('%')) {
    return { error: `AAAA address ${text} has a zone index (%…); remove it` };
  }
  if (!isIPv6(text)) {
    return { error: `AAAA content must be an IPv6 address like 2001:db8::1 (got '${text}')` };
  }
  return { content: formatIPv6(ipv6Groups(text)) };
}

/** The eight 16-bit groups of a valid IPv6 address. */
function ipv6Groups(text: string): number[] {
  let address = text.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    address = `${address.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = address.split('::');
  const parse = (part: string | undefined) =>
    part ? part.split(':').map((group) => parseInt(group, 16)) : [];
  const left = parse(head);
  const right = parse(tail);
  if (tail === undefined) return left;
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function formatIPv6(groups: number[]): string {
  if (groups.slice(0, 5).every((g) => g === 0) && (groups[5] === 0xffff || groups[6] !== 0)) {
    // inet_ntop's IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) forms.
    const quad = [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
    if (groups[5] === 0xffff) return `::ffff:${quad}`;
    if (groups[5] === 0) return `::${quad}`;
  }
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < groups.length; i++) {
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = Math.max(i, j);
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
