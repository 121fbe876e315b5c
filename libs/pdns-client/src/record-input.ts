/** The records of an rrset as the API sends them. */
type Records = readonly { readonly content: string; readonly disabled?: boolean }[];

const DOTTED_TAIL = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * Content in a form PowerDNS 4.7 accepts on input, which is not always the form it prints. The one
 * case: it prints IPv4-mapped and IPv4-compatible AAAA content dotted (`::ffff:192.0.2.1`, inet_ntop)
 * yet refuses that spelling ("Invalid IPv6 address"), so a dotted tail is sent as its two hex groups
 * (`::ffff:c000:201`), which PowerDNS stores as the same address and prints dotted again. Everything
 * above this client sees only the printed form.
 */
export function pdnsInputContent(type: string, content: string): string {
  if (type.toUpperCase() !== 'AAAA') return content;
  const tail = DOTTED_TAIL.exec(content);
  if (!tail) return content;
  const [a, b, c, d] = tail.slice(1).map(Number);
  if ([a, b, c, d].some((n) => n > 255)) return content;
  const hex = `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  return content.slice(0, tail.index) + hex;
}

/** `records` with each content in PowerDNS's input form (see pdnsInputContent). */
export function pdnsInputRecords(type: string, records: Records): Records {
  return records.map((r) => ({ ...r, content: pdnsInputContent(type, r.content) }));
}
