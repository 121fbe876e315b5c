import type { RecordType } from '@app/core';
import { zoneApex } from '../names/dns-name';
import { canonicalA, canonicalAaaa } from './address.content';
import type { ContentResult } from './content-result';
import { canonicalDs, canonicalSshfp, canonicalTlsa } from './digest.content';
import { canonicalMx, canonicalSingleName, canonicalSrv } from './name.content';
import { canonicalSoa } from './soa.content';
import type { ContentContext } from './target-name';
import { canonicalCaa, canonicalNaptr, canonicalTxt } from './text.content';

export interface CanonicalContentOptions {
  /**
   * Zone-file rules for names inside the content: without a trailing dot a name is always relative to
   * `zone`. Off by default: a name that already ends in the zone's name is then taken as absolute.
   */
  readonly strict?: boolean;
}

/**
 * PowerDNS's records.content column is VARCHAR(64000) (gmysql schema): longer content can't be stored
 * whatever its type.
 */
export const MAX_CONTENT_BYTES = 64000;

type Canonicalizer = (content: string, context: ContentContext) => ContentResult;

/** Every managed type has an entry (the Record<> type makes a missing one a compile error). */
const CANONICALIZERS: Record<RecordType, Canonicalizer> = {
  A: canonicalA,
  AAAA: canonicalAaaa,
  MX: canonicalMx,
  CNAME: (content, context) => canonicalSingleName('CNAME', content, context),
  TXT: canonicalTxt,
  NS: (content, context) => canonicalSingleName('NS', content, context),
  SRV: canonicalSrv,
  PTR: (content, context) => canonicalSingleName('PTR', content, context),
  SOA: canonicalSoa,
  CAA: canonicalCaa,
  SSHFP: canonicalSshfp,
  TLSA: canonicalTlsa,
  DNAME: (content, context) => canonicalSingleName('DNAME', content, context),
  NAPTR: canonicalNaptr,
  DS: canonicalDs,
  ALIAS: (content, context) => canonicalSingleName('ALIAS', content, context),
};

/** True for the 16 types ScaiDNS manages (exact, uppercase). */
export function isRecordType(type: string): type is RecordType {
  return Object.prototype.hasOwnProperty.call(CANONICALIZERS, type);
}

/**
 * Validates record content and returns it exactly as PowerDNS 4.7 prints it back, so a PATCH never
 * fails with "Not in expected format" and content read from PowerDNS compares equal to content we
 * wrote. Names in the content come out lowercase, punycode, absolute with a trailing dot; `@` is the
 * zone apex; a name without a trailing dot is relative to `zone` (see `options.strict`).
 *
 * `type` is case-insensitive; `zone` is the zone's name with or without the trailing dot.
 */
export function canonicalContent(
  type: string,
  content: string,
  zone: string,
  options: CanonicalContentOptions = {},
): ContentResult {
  const upper = type.trim().toUpperCase();
  if (!isRecordType(upper)) {
    return {
      error: `Record type '${type}' is not supported; use one of ${Object.keys(CANONICALIZERS).join(', ')}`,
    };
  }
  if (content.trim() === '' && upper !== 'TXT') {
    return { error: `${upper} content is empty` };
  }
  const result = CANONICALIZERS[upper](content, {
    apex: zoneApex(zone),
    strict: options.strict ?? false,
  });
  if ('content' in result && Buffer.byteLength(result.content, 'utf8') > MAX_CONTENT_BYTES) {
    return { error: `${upper} content is longer than ${MAX_CONTENT_BYTES} bytes` };
  }
  return result;
}
