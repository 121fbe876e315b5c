import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what the last full GC kept, in percent. V8's own
 * choice for a process whose GCs are cheap is about 2.5x: an API holding 90 MB of zones sat at
 * 200-250 MB of heap and 300-410 MB of RSS between full GCs under a steady 50 requests/s, all of it
 * garbage awaiting the next one. At 30% it stays under 125 MB of heap (about 250 MB of RSS) for
 * a full GC every 8 s or so, which costs 10-40 ms of incremental work each (`npm run bench:soak`).
 * Not a ceiling: a 100k-record import still gets the heap it needs.
 */
export const HEAP_GROWING_PERCENT = 30;

/** Applies HEAP_GROWING_PERCENT to this process (V8 reads it at every full GC). */
export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
