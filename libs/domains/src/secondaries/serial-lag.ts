/**
 * How many serials `secondary` is behind `primary` in RFC 1982 serial arithmetic (32-bit, wrapping):
 * 0 when equal, a positive count when behind, a negative one when the secondary is ahead (it holds
 * a serial the primary has not reached: a zone re-created with a lower serial, say).
 */
export function serialLag(primary: number, secondary: number): number {
  const diff = (primary - secondary) >>> 0;
  if (diff === 0) return 0;
  return diff < 0x80000000 ? diff : diff - 0x100000000;
}

/** What one secondary says about one zone. */
export type ZoneAnswer =
  | { readonly kind: 'serial'; readonly serial: number }
  /** It does not serve the zone (REFUSED, NOTAUTH, NXDOMAIN, or no SOA). */
  | { readonly kind: 'missing' }
  /** No answer (timeout, connection refused). */
  | { readonly kind: 'unreachable' };

/** One secondary's standing, as readiness, doctor and the metrics show it. */
export interface SecondaryStanding {
  /** host:port of its DNS listener. */
  readonly address: string;
  /** ok: every served zone at the primary's serial; lagging: some are not; unreachable: no answers. */
  readonly status: 'ok' | 'lagging' | 'unreachable';
  /** Served zones the primary holds (the catalog included). */
  readonly zones: number;
  readonly in_sync: number;
  /** Zones it serves at an older serial. */
  readonly behind: number;
  /** Zones it does not serve (yet). */
  readonly missing: number;
  /** The most serials any zone is behind. */
  readonly max_serial_lag: number;
  /** How long the zone lagging longest has been behind (seconds); null when the check can't tell. */
  readonly lag_seconds: number | null;
  readonly checked_at: string;
}

/**
 * Sums one secondary's answers up. `since` maps a lagging zone to when it was first seen behind
 * (or missing); `now` is the check's time.
 */
export function standing(
  address: string,
  primary: ReadonlyMap<string, number>,
  answers: ReadonlyMap<string, ZoneAnswer>,
  since: ReadonlyMap<string, number> | null,
  now: number,
): SecondaryStanding {
  let inSync = 0;
  let behind = 0;
  let missing = 0;
  let unreachable = 0;
  let maxLag = 0;
  let oldest: number | null = null;
  for (const [zone, serial] of primary) {
    const answer = answers.get(zone) ?? { kind: 'unreachable' };
    if (answer.kind === 'unreachable') {
      unreachable += 1;
      continue;
    }
    const lag = answer.kind === 'serial' ? serialLag(serial, answer.serial) : null;
    if (lag !== null && lag <= 0) {
      inSync += 1;
      continue;
    }
    if (lag === null) missing += 1;
    else {
      behind += 1;
      maxLag = Math.max(maxLag, lag);
    }
    const first = since?.get(zone);
    if (first !== undefined) oldest = oldest === null ? first : Math.min(oldest, first);
  }
  const status =
    primary.size > 0 && unreachable === primary.size
      ? 'unreachable'
      : behind + missing + unreachable > 0
        ? 'lagging'
        : 'ok';
  return {
    address,
    status,
    zones: primary.size,
    in_sync: inSync,
    behind,
    missing,
    max_serial_lag: maxLag,
    lag_seconds: since === null ? null : oldest === null ? 0 : Math.round((now - oldest) / 1000),
    checked_at: new Date(now).toISOString(),
  };
}
