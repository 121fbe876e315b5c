import type { AuditActor, AuditEntryInput, AuditOrigin } from '@app/audit';
import type { Caller } from './caller';

/** Who to record in the audit log for a caller: the key itself for API keys (with its owner). */
export function auditActorOf(caller: Caller): AuditActor {
  return caller.apiKey
    ? { type: 'api_key', id: caller.apiKey.id, email: caller.email }
    : { type: 'user', id: caller.userId, email: caller.email };
}

export function auditOriginOf(caller: Caller): AuditOrigin {
  return { ip: caller.ip, userAgent: caller.userAgent, requestId: caller.requestId };
}

/** Extra audit details every API-key action carries: whose key it was. */
export function auditCallerExtra(caller: Caller): Record<string, unknown> {
  return caller.apiKey ? { api_key_owner_id: caller.userId } : {};
}

/** ScaiDNS acting on its own (the worker's automatic steps, scheduled work). */
export const SYSTEM_ACTOR: AuditActor = { type: 'system', id: 'scaidns', email: null };

/**
 * An audit entry made by `caller` (null: ScaiDNS itself): actor, origin and the API key's owner
 * filled in the one way every service records them.
 */
export function auditEntryBy(
  caller: Caller | null,
  entry: Omit<AuditEntryInput, 'actor' | 'origin'>,
): AuditEntryInput {
  return {
    ...entry,
    actor: caller ? auditActorOf(caller) : SYSTEM_ACTOR,
    origin: caller ? auditOriginOf(caller) : undefined,
    extra: { ...(caller ? auditCallerExtra(caller) : {}), ...entry.extra },
  };
}
