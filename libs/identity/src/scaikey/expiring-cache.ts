interface Entry<V> {
  promise: Promise<V>;
  expiresAt: number;
}

/**
 * Caches the promise of a load, so concurrent callers share one request, until the TTL the load
 * reports has passed. A failed load is forgotten at once: the next caller tries again.
 */
export class ExpiringCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();

  constructor(private readonly now: () => number = Date.now) {}

  get(key: K, load: () => Promise<{ value: V; ttlMs: number }>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.now()) return hit.promise;
    const entry: Entry<V> = { promise: Promise.resolve(undefined as V), expiresAt: Infinity };
    entry.promise = load().then(
      ({ value, ttlMs }) => {
        entry.expiresAt = this.now() + ttlMs;
        return value;
      },
      (error: unknown) => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
        throw error;
      },
    );
    this.entries.set(key, entry);
    return entry.promise;
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
