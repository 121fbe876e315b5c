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
 * AAAA in RFC 5952 form: lowercase, no leading zeros, the first longest run of two or more zero groups
 * as `::` — what PowerDNS 4.7 stores (it keeps inet_ntop's form of the address).
 *
 * The one exception: PowerDNS refuses AAAA content containing a dot ("Invalid IPv6 address") yet
 * prints IPv4-mapped and IPv4-compatible addresses with one (`::ffff:192.0.2.1`, `::192.0.2.1`). Such
 * an address is written in hex (`::ffff:c000:201`), the only form PowerDNS accepts; both spellings
 * give the same canonical content, so a record read back in the dotted form keeps its id and can be
 * sent again after passing through canonicalContent.
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
