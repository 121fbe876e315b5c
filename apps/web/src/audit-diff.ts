/** One field of an audit entry's change: its value before and after. */
export interface DiffRow {
  /** `content`, `settings.default_ttl`, `records.0.content`. */
  readonly path: string;
  readonly before: string | undefined;
  readonly after: string | undefined;
  readonly change: 'added' | 'removed' | 'changed' | 'same';
}

/**
 * An audit entry's `details.before` and `details.after` side by side, field by field (nested
 * objects and lists flattened to dotted paths), in path order.
 */
export function diffDetails(before: unknown, after: unknown): DiffRow[] {
  const old = flatten(before);
  const now = flatten(after);
  const paths = [...new Set([...old.keys(), ...now.keys()])].sort();
  return paths.map((path) => {
    const a = old.get(path);
    const b = now.get(path);
    const change =
      a === undefined ? 'added' : b === undefined ? 'removed' : a === b ? 'same' : 'changed';
    return { path, before: a, after: b, change };
  });
}

function flatten(
  value: unknown,
  prefix = '',
  into = new Map<string, string>(),
): Map<string, string> {
  if (value === undefined) return into;
  // A creation has no before and a deletion no after: nothing, rather than a field called null.
  if (value === null && !prefix) return into;
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) into.set(prefix, Array.isArray(value) ? '[]' : '{}');
    for (const [key, inner] of entries) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
    return into;
  }
  into.set(prefix || '(value)', typeof value === 'string' ? value : JSON.stringify(value));
  return into;
}
