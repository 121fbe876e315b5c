import type { ContentResult } from './content-result';
import { canonicalTarget, type ContentContext } from './target-name';
import { parseUnsigned, unquotedFields } from './zone-text';

/** The types whose whole content is one name. */
export type SingleNameType = 'CNAME' | 'NS' | 'PTR' | 'DNAME' | 'ALIAS';

/** NS targets are servers, so host names; the others are domain names that may carry `_` labels. */
const HOST_TARGET: Record<SingleNameType, boolean> = {
  CNAME: false,
  NS: true,
  PTR: false,
  DNAME: false,
  ALIAS: false,
};

/** CNAME, NS, PTR, DNAME, ALIAS: one absolute name with a trailing dot. */
export function canonicalSingleName(
  type: SingleNameType,
  content: string,
  context: ContentContext,
): ContentResult {
  const fields = content.trim().split(/\s+/);
  if (fields.length !== 1) {
    return {
      error: `${type} content must be a single name like target.example.com. (got '${content.trim()}')`,
    };
  }
  const target = canonicalTarget(fields[0], context, {
    what: `${type} target`,
    host: HOST_TARGET[type],
  });
  return 'error' in target ? target : { content: target.name };
}

/** MX: `<priority 0-65535> <host name.>`; `0 .` is a null MX (RFC 7505: the domain takes no mail). */
export function canonicalMx(content: string, context: ContentContext): ContentResult {
  const fields = unquotedFields(content);
  if (!fields || fields.length !== 2) {
    return {
      error: `MX content must be '<priority> <mail server>', e.g. '10 mail.example.com.' (got '${content.trim()}')`,
    };
  }
  const priority = parseUnsigned(fields[0], 65535);
  if (priority === null) {
    return { error: `MX priority must be a number from 0 to 65535 (got '${fields[0].raw}')` };
  }
  const target = canonicalTarget(fields[1].raw, context, {
    what: 'MX target',
    host: true,
    root: true,
  });
  return 'error' in target ? target : { content: `${priority} ${target.name}` };
}

/** SRV: `<priority> <weight> <port> <target.>`; target `.` means "no such service here" (RFC 2782). */
export function canonicalSrv(content: string, context: ContentContext): ContentResult {
  const fields = unquotedFields(content);
  if (!fields || fields.length !== 4) {
    return {
      error: `SRV content must be '<priority> <weight> <port> <target>', e.g. '10 5 5060 sip.example.com.' (got '${content.trim()}')`,
    };
  }
  const numbers: number[] = [];
  for (const [index, what] of ['priority', 'weight', 'port'].entries()) {
    const value = parseUnsigned(fields[index], 65535);
    if (value === null) {
      return {
        error: `SRV ${what} must be a number from 0 to 65535 (got '${fields[index].raw}')`,
      };
    }
    numbers.push(value);
  }
  const target = canonicalTarget(fields[3].raw, context, {
    what: 'SRV target',
    host: true,
    root: true,
  });
  return 'error' in target ? target : { content: `${numbers.join(' ')} ${target.name}` };
}
