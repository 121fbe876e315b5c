import type { ContentResult } from './content-result';
import { canonicalTarget, type ContentContext } from './target-name';
import { parseUnsigned, unquotedFields } from './zone-text';

const SOA_NUMBERS = ['serial', 'refresh', 'retry', 'expire', 'minimum'] as const;

/**
 * SOA: `<primary server.> <contact.> <serial> <refresh> <retry> <expire> <minimum>`, each number a
 * 32-bit unsigned integer. Syntax only: the zone's SOA is managed by the platform (rrset rules).
 */
export function canonicalSoa(content: string, context: ContentContext): ContentResult {
  const fields = unquotedFields(content);
  if (!fields || fields.length !== 7) {
    return {
      error: `SOA content must be '<primary server> <contact> <serial> <refresh> <retry> <expire> <minimum>', e.g. 'ns1.example.com. hostmaster.example.com. 1 10800 3600 604800 3600' (got '${content.trim()}')`,
    };
  }
  const primary = canonicalTarget(fields[0].raw, context, {
    what: 'SOA primary server',
    host: true,
  });
  if ('error' in primary) return primary;
  if (fields[1].raw.includes('@')) {
    return {
      error: `SOA contact must be written as a domain name (hostmaster.example.com.), not as an e-mail address (got '${fields[1].raw}')`,
    };
  }
  const contact = canonicalTarget(fields[1].raw, context, { what: 'SOA contact', host: false });
  if ('error' in contact) return contact;
  const numbers: number[] = [];
  for (const [index, what] of SOA_NUMBERS.entries()) {
    const value = parseUnsigned(fields[index + 2], 4294967295);
    if (value === null) {
      return {
        error: `SOA ${what} must be a number from 0 to 4294967295 (got '${fields[index + 2].raw}')`,
      };
    }
    numbers.push(value);
  }
  return { content: [primary.name, contact.name, ...numbers].join(' ') };
}

/**
 * SOA content with `serial` in its serial field (fields as PowerDNS prints them, one space apart);
 * content that is not seven fields comes back as it was.
 */
export function soaWithSerial(content: string, serial: number | string): string {
  const fields = content.trim().split(/\s+/);
  if (fields.length !== 7) return content;
  fields[2] = String(serial);
  return fields.join(' ');
}
