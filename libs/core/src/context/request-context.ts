import { AsyncLocalStorage } from 'node:async_hooks';

/** Time spent in one kind of work during a request (Server-Timing), summed over its parts. */
export interface TimingTotal {
  readonly name: string;
  readonly ms: number;
  readonly count: number;
}

/**
 * Where one request's time went: each part (auth, db, pdns, audit, lock...) adds its duration here,
 * and the response says it in a `Server-Timing` header. Parts that overlap (concurrent queries) are
 * each counted in full, so the parts may add up to more than the total.
 */
export class RequestTimings {
  private readonly totals = new Map<string, { ms: number; count: number }>();

  add(name: string, ms: number): void {
    const total = this.totals.get(name);
    if (total) {
      total.ms += ms;
      total.count += 1;
    } else {
      this.totals.set(name, { ms, count: 1 });
    }
  }

  entries(): TimingTotal[] {
    return [...this.totals].map(([name, total]) => ({ name, ...total }));
  }
}

/** What every log line and audit entry of one request may need, without passing it down by hand. */
export interface RequestContextData {
  readonly requestId: string;
  readonly timings?: RequestTimings;
}

const storage = new AsyncLocalStorage<RequestContextData>();

export const RequestContext = {
  run<T>(data: RequestContextData, fn: () => T): T {
    return storage.run(data, fn);
  },
  current(): RequestContextData | undefined {
    return storage.getStore();
  },
  requestId(): string | undefined {
    return storage.getStore()?.requestId;
  },
  /** Adds `ms` to the current request's `name` timing; does nothing outside a request. */
  addTiming(name: string, ms: number): void {
    storage.getStore()?.timings?.add(name, ms);
  },
  /** Runs `fn` and adds its duration, whether it resolves or throws, to the `name` timing. */
  async timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const timings = storage.getStore()?.timings;
    if (!timings) return fn();
    const started = performance.now();
    try {
      return await fn();
    } finally {
      timings.add(name, performance.now() - started);
    }
  },
};
