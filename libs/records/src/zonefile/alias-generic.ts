/**
 * ALIAS is PowerDNS's own type (code 65401): BIND doesn't know it, so `named-checkzone` refuses a
 * file that says `ALIAS`. Exports write it in the RFC 3597 generic form, `TYPE65401 \# <length> <hex>`,
 * whose data is the target name in wire format; BIND loads that, and our parser reads it back.
 */
export const ALIAS_TYPE_CODE = 65401;
export const ALIAS_GENERIC_TYPE = `TYPE${ALIAS_TYPE_CODE}`;

/** `\# <length> <hex>` for an absolute target name (`target.example.net.`). */
export function encodeAliasRdata(target: string): string {
  const body = target.replace(/\.$/, '');
  const bytes: number[] = [];
  if (body !== '') {
    for (const label of body.split('.')) {
      const ascii = Buffer.from(label, 'latin1');
      bytes.push(ascii.length, ...ascii);
    }
  }
  bytes.push(0);
  return `\\# ${bytes.length} ${Buffer.from(bytes).toString('hex')}`;
}

/**
 * The target name of generic ALIAS data (the fields after `\#`: length, then hex in any number of
 * pieces), or why it can't be read.
 */
export function decodeAliasRdata(
  fields: readonly string[],
): { target: string } | { reason: string } {
  const [length, ...hexParts] = fields;
  if (length === undefined || !/^\d+$/.test(length)) {
    return { reason: 'generic data (\\#) must give its length in bytes, then the bytes in hex' };
  }
  const hex = hexParts.join('');
  if (!/^([0-9a-fA-F]{2})*$/.test(hex) || hex.length / 2 !== Number(length)) {
    return { reason: `generic data (\\#) is not ${length} bytes of hex` };
  }
  const bytes = Buffer.from(hex, 'hex');
  const labels: string[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const size = bytes[pos];
    if (size === 0) {
      if (pos !== bytes.length - 1) break;
      return { target: labels.length === 0 ? '.' : `${labels.join('.')}.` };
    }
    if (size > 63 || pos + 1 + size > bytes.length) break;
    labels.push(presentLabel(bytes.subarray(pos + 1, pos + 1 + size)));
    pos += 1 + size;
  }
  return { reason: 'generic ALIAS data is not one domain name in wire format' };
}

function presentLabel(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    if (/[A-Za-z0-9_*/-]/.test(ch)) out += ch.toLowerCase();
    else if (b > 0x20 && b < 0x7f) out += `\\${ch}`;
    else out += `\\${b.toString().padStart(3, '0')}`;
  }
  return out;
}
