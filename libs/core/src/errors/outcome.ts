/** A value, or the error that took its place: for errors to be thrown only when they are judged. */
export type Outcome<T> = { readonly value: T } | { readonly error: unknown };

/** What `fn` returns, or what it throws. */
export function outcomeOf<T>(fn: () => T): Outcome<T> {
  try {
    return { value: fn() };
  } catch (error) {
    return { error };
  }
}

/** What `value` resolves to, or what it rejects with (never rejects itself). */
export function settledOutcome<T>(value: Promise<T> | T): Promise<Outcome<Awaited<T>>> {
  return Promise.resolve(value).then(
    (v) => ({ value: v }),
    (error: unknown) => ({ error }),
  );
}

/** The outcome's value; throws its error. */
export function valueOf<T>(outcome: Outcome<T>): T {
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}
