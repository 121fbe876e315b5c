import type { AuditActor, AuditOrigin } from '@app/audit';
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
