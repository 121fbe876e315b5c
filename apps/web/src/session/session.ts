import { useSyncExternalStore } from 'react';
import { type Me, type SessionState, SessionStore } from './session-store';

/** The one session of this page. */
export const session = new SessionStore(window.location.origin);

/** The typed API client, as the signed-in caller. */
export const api = session.api;

export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.getState);
}

/** The signed-in caller (only rendered inside the signed-in app). */
export function useMe(): Me {
  const state = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe outside a signed-in session');
  return state.me;
}
