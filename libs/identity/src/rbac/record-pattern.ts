/**
 * Record-name globs of access grants (`record_pattern`). Names and patterns are relative to the zone
 * (`www`, `*.dev`, `@` for the apex), compared case-insensitively, with any trailing dot ignored.
 *
 * - `*` matches a run of one or more characters of any kind, dots included: `*.dev` matches `a.dev` and
 *   `x.y.dev` (and the wildcard record `*.dev` itself), but not `dev`; `api-*` matches `api-1` and
 *   `api-1.eu`. A lone `*` matches every name except the apex.
 * - `@` matches only the apex, and the apex only matches `@` (or a null pattern, which matches every name).
 * - Every other character is literal: there is no `?`, `[...]` or `{a,b}`.
 */

/** The relative name of the zone apex. */
export const APEX = '@';

const PATTERN_CHARS = /^[a-z0-9_*-]+(\.[a-z0-9_*-]+)*$/;

/**
 * A relative record name in canonical form: lowercase, no trailing dot, `@` for the apex (`''` and `@`
 * both mean the apex).
 */
export function normalizeRelativeName(name: string): string {
  const trimmed = name.trim().toLowerCase().replace(/\.$/, '');
  return trimmed === '' ? APEX : trimmed;
}

/**
 * The name relative to its zone: `www.example.com.` in `example.com` → `www`, `example.com.` → `@`. A
 * name without a trailing dot is taken as already relative. null when an absolute name lies outside the
 * zone.
 */
export function relativeRecordName(name: string, zoneName: string): string | null {
  const trimmed = name.trim().toLowerCase();
  if (!trimmed.endsWith('.')) return normalizeRelativeName(trimmed);
  const absolute = trimmed.slice(0, -1);
  const zone = zoneName.trim().toLowerCase().replace(/\.$/, '');
  if (absolute === zone) return APEX;
  return absolute.endsWith(`.${zone}`) ? absolute.slice(0, -(zone.length + 1)) : null;
}

/**
 * Why a grant's record pattern is unusable, or null when it is fine: `@`, or dot-separated labels of
 * letters, digits, `-`, `_` and `*` (no empty labels), at most 253 characters.
 */
export function recordPatternProblem(pattern: string): string | null {
  const p = normalizeRelativeName(pattern);
  if (p === APEX) return null;
  if (p.length > 253) return 'record_pattern must be at most 253 characters';
  if (!PATTERN_CHARS.test(p)) {
    return 'record_pattern must be "@" or dot-separated labels of letters, digits, "-", "_" and "*"';
  }
  return null;
}

const compiled = new Map<string, RegExp>();

function patternRegExp(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    const body = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.+');
    re = new RegExp(`^${body}$`, 's');
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

/** True when the relative record `name` matches the grant's `pattern` (null matches every name). */
export function recordNameMatches(pattern: string | null, name: string): boolean {
  if (pattern === null) return true;
  const p = normalizeRelativeName(pattern);
  const n = normalizeRelativeName(name);
  if (p === APEX || n === APEX) return p === n;
  return patternRegExp(p).test(n);
}

/** True when the record `type` is one of `types` (null matches every type); case-insensitive. */
export function recordTypeMatches(types: readonly string[] | null, type: string): boolean {
  if (types === null) return true;
  const wanted = type.trim().toUpperCase();
  return types.some((t) => t.trim().toUpperCase() === wanted);
}
