/** The TTL bounds a deployment allows (from config). */
export interface TtlBounds {
  readonly min: number;
  readonly max: number;
}

/**
 * A TTL in seconds within the configured bounds. Accepts a number or a string of digits (CSV and
 * zone-file imports give strings); refuses fractions, signs, units and anything else.
 */
export function validateTtl(ttl: unknown, bounds: TtlBounds): { ttl: number } | { error: string } {
  const range = `from ${bounds.min} to ${bounds.max}`;
  let value: number | null = null;
  if (typeof ttl === 'number' && Number.isInteger(ttl)) value = ttl;
  else if (typeof ttl === 'string' && /^\d{1,10}$/.test(ttl.trim())) value = Number(ttl.trim());
  if (value === null) {
    return {
      error: `TTL must be a whole number of seconds ${range} (got ${shown(ttl)})`,
    };
  }
  if (value < bounds.min || value > bounds.max) {
    return { error: `TTL must be ${range} seconds (got ${value})` };
  }
  return { ttl: value };
}

function shown(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 20 ? `${value.slice(0, 20)}…` : value}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value === null ? 'null' : typeof value;
}
