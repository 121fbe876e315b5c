import { resolveName, withRootDot } from '../names/dns-name';

/** What the content's names are resolved against. */
export interface ContentContext {
  /** The zone's name: lowercase ASCII, no trailing dot. */
  readonly apex: string;
  /** Zone-file rules for relative names (see NamePolicy.strict). */
  readonly strict: boolean;
}

export interface TargetRules {
  /** How the field is named in messages: `MX target`, `SOA primary server`. */
  readonly what: string;
  /**
   * A host name (MX, NS, SRV, SOA primary): letters, digits and hyphens only. Otherwise a domain name
   * (CNAME, DNAME, PTR, ALIAS, NAPTR replacement), where `_` labels are common (`_dmarc`, DKIM selectors).
   */
  readonly host: boolean;
  /** `.` is meaningful: a null MX (RFC 7505), "no service" SRV, a NAPTR without replacement. */
  readonly root?: boolean;
}

/**
 * A name inside record content in PowerDNS's form: lowercase ASCII, absolute, trailing dot. `@` is the
 * zone apex; a name without a trailing dot is relative to the zone (see NamePolicy.strict).
 */
export function canonicalTarget(
  input: string,
  context: ContentContext,
  rules: TargetRules,
): { name: string } | { error: string } {
  const resolved = resolveName(input, context.apex, {
    wildcard: false,
    underscore: !rules.host,
    strict: context.strict,
  });
  if ('reason' in resolved) {
    return { error: `${rules.what} ${resolved.reason} (got '${input.trim()}')` };
  }
  if (resolved.name === '' && !rules.root) {
    return { error: `${rules.what} must be a host name, not the root '.'` };
  }
  return { name: withRootDot(resolved.name) };
}
