import { Injectable } from '@nestjs/common';
import { type AppConfig, AppError, InjectConfig, relativeName } from '@app/core';
import { canonicalContent } from '../content/record-content';
import { type TtlBounds, validateTtl } from '../content/ttl';
import { normalizeRecordName } from '../names/record-name';

/** A record as a person, a file or a template wrote it. */
export interface RecordInput {
  readonly name: string;
  readonly type: string;
  readonly content: string;
  /** Seconds; a string of digits is accepted (files). Absent: the zone's default. */
  readonly ttl?: number | string;
  readonly disabled?: boolean;
}

/** A record in the form PowerDNS stores and prints back. */
export interface PreparedRecord {
  /** Lowercase, punycode, absolute with the trailing dot. */
  readonly fqdn: string;
  readonly type: string;
  readonly content: string;
  readonly ttl: number;
  readonly disabled: boolean;
}

/** The apex SOA and NS belong to the platform (zone creation, nameserver rollouts), never to callers. */
export function isPlatformManaged(record: { type: string; name: string }, zone: string): boolean {
  const type = record.type.toUpperCase();
  return type === 'SOA' || (type === 'NS' && relativeName(record.name, zone) === '@');
}

/**
 * The one rule set for a record on its own, whoever writes it (the records API, imports, PTRs,
 * templates): a name inside the zone, a managed type, content valid for its type in canonical form,
 * a TTL within RECORD_TTL_MIN/MAX. What depends on the rest of the zone (CNAME exclusivity, apex
 * rules, single-record types) is checked by the zone writer on every change (ZoneWorkingSet).
 */
@Injectable()
export class RecordRules {
  readonly ttlBounds: TtlBounds;

  constructor(@InjectConfig() config: AppConfig) {
    this.ttlBounds = { min: config.records.ttlMin, max: config.records.ttlMax };
  }

  /**
   * `input` as PowerDNS will hold it, or a 400 naming the field (and `prefix`, e.g. `records[3]: `).
   * `defaultTtl` is used when the input has none.
   */
  prepare(zone: string, input: RecordInput, defaultTtl: number, prefix = ''): PreparedRecord {
    const type = input.type.trim().toUpperCase();
    const name = normalizeRecordName(input.name, zone);
    if ('error' in name) throw this.invalid(prefix, name.error, 'name');
    const content = canonicalContent(type, input.content, zone);
    if ('error' in content) throw this.invalid(prefix, content.error, 'content');
    const ttl = this.ttl(input.ttl ?? defaultTtl, prefix);
    return {
      fqdn: name.fqdn,
      type,
      content: content.content,
      ttl,
      disabled: input.disabled ?? false,
    };
  }

  /** A TTL within the deployment's bounds, or a 400 on `ttl`. */
  ttl(value: unknown, prefix = ''): number {
    const ttl = validateTtl(value, this.ttlBounds);
    if ('error' in ttl) throw this.invalid(prefix, ttl.error, 'ttl');
    return ttl.ttl;
  }

  private invalid(prefix: string, message: string, field: string): AppError {
    return new AppError('BAD_REQUEST', { message: `${prefix}${message}`, field });
  }
}
