/** One record of an rrset as PowerDNS holds it. */
export interface ZoneRecord {
  readonly content: string;
  readonly disabled: boolean;
}

/** An rrset as PowerDNS holds it: absolute lowercase name with the trailing dot, uppercase type. */
export interface ZoneRrset {
  readonly name: string;
  readonly type: string;
  readonly ttl: number;
  readonly records: readonly ZoneRecord[];
}

/** One record read from an import file (BIND, JSON or CSV), not yet validated. */
export interface ParsedRecord {
  /** Absolute, lowercase (punycode), with the trailing dot, inside the zone. */
  readonly name: string;
  /** Uppercase; one of the types ScaiDNS manages. */
  readonly type: string;
  readonly ttl: number;
  /** Zone-file syntax; still to be validated and canonicalised (canonicalContent). */
  readonly content: string;
  readonly disabled: boolean;
  /**
   * Where it came from: the physical line (BIND, and CSV where a row starts), or the 1-based position
   * in `records` (JSON).
   */
  readonly line: number;
}

/** A problem in an import file. `line` as in ParsedRecord; 0 for the file as a whole. */
export interface ZoneFileError {
  readonly line: number;
  readonly message: string;
}

/** What every import parser returns; it never throws on bad input. */
export interface ZoneFileParseResult {
  readonly records: ParsedRecord[];
  readonly errors: ZoneFileError[];
}

export interface ZoneFileParseOptions {
  /** The zone being imported into (`example.com.`; the trailing dot is optional). */
  readonly origin: string;
  /** TTL of a record that has none (and, for BIND, when no `$TTL` came before it). */
  readonly defaultTtl: number;
}
