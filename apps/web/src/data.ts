import { type ApiProblem, describeProblem, ScaiDnsError } from '@app/api-client';
import { useCallback, useEffect, useEffectEvent, useState } from 'react';

/** Any failure of a call as a problem a screen can show: the API's own, or "could not reach it". */
export function toProblem(error: unknown): ApiProblem {
  if (error instanceof ScaiDnsError) return error.problem;
  const problem = describeProblem(0, undefined);
  return error instanceof Error && !(error instanceof TypeError)
    ? { ...problem, general: [error.message] }
    : problem;
}

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly problem: ApiProblem | null;
  /** True until the answer for the current key is in (the previous data stays shown meanwhile). */
  readonly loading: boolean;
  readonly reload: () => void;
}

/**
 * Loads what a screen shows. `key` names everything the load depends on (a zone id, a page, a
 * filter): a new key loads again, and an answer for an older key is dropped.
 */
export function useLoad<T>(key: string, load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{
    key: string | null;
    data: T | undefined;
    problem: ApiProblem | null;
  }>({ key: null, data: undefined, problem: null });
  const [generation, setGeneration] = useState(0);
  const fetchNow = useEffectEvent(load);
  useEffect(() => {
    let current = true;
    fetchNow().then(
      (data) => current && setState({ key, data, problem: null }),
      (error: unknown) =>
        current && setState((s) => ({ key, data: s.data, problem: toProblem(error) })),
    );
    return () => {
      current = false;
    };
  }, [key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data: state.data, problem: state.problem, loading: state.key !== key, reload };
}

export interface Action {
  readonly busy: boolean;
  readonly problem: ApiProblem | null;
  /** Runs `work`; its failure becomes `problem`. Answers whether it succeeded. */
  readonly run: (work: () => Promise<unknown>) => Promise<boolean>;
  readonly clear: () => void;
}

/** A change a screen makes (a form's submit, a button): busy while it runs, and why it failed. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const run = useCallback(async (work: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
      return true;
    } catch (error) {
      setProblem(toProblem(error));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setProblem(null), []);
  return { busy, problem, run, clear };
}
