import { randomUUID } from 'node:crypto';
import { ACTOR_TYPES, AuditLog } from '@app/core';
import { buildAuditDetails, sliceWhole } from './audit-details';
import type { AuditEntryInput } from './audit.types';

/** `<resource>.<verb>` (verbs may be dotted: `domain.validation.start`), as API.md lists them. */
const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** Column widths of audit_logs: a longer value is cut, never allowed to fail the transaction. */
const WIDTH = {
  actorId: 64,
  actorEmail: 255,
  resourceType: 64,
  resourceId: 255,
  resourceName: 255,
  ipAddress: 45,
  userAgent: 512,
  requestId: 64,
} as const;

function fit(value: string | null | undefined, width: number): string | null {
  if (value === null || value === undefined || value === '') return null;
  return sliceWhole(value, width);
}

/**
 * The row for one audit entry. Throws only on a programming error (a malformed action or actor
 * type), which tests catch; anything that comes from data (long user agents, odd `before` values)
 * is made to fit instead.
 */
export function buildAuditEntry(
  input: AuditEntryInput,
  now: Date,
  contextRequestId: string | undefined,
): AuditLog {
  if (input.action.length > 64 || !ACTION.test(input.action)) {
    throw new Error(`Audit action "${input.action}" is not <resource>.<verb>`);
  }
  if (!ACTOR_TYPES.includes(input.actor.type)) {
    throw new Error(`Audit actor type "${String(input.actor.type)}" is unknown`);
  }
  const entry = new AuditLog();
  entry.id = randomUUID();
  entry.tenantId = input.tenantId;
  entry.actorType = input.actor.type;
  entry.actorId = fit(input.actor.id, WIDTH.actorId);
  entry.actorEmail = fit(input.actor.email, WIDTH.actorEmail);
  entry.action = input.action;
  entry.resourceType = fit(input.resourceType, WIDTH.resourceType) ?? 'unknown';
  entry.resourceId = fit(input.resourceId, WIDTH.resourceId);
  entry.resourceName = fit(input.resourceName, WIDTH.resourceName);
  entry.details = buildAuditDetails(input.before, input.after, input.extra);
  entry.ipAddress = fit(input.origin?.ip, WIDTH.ipAddress);
  entry.userAgent = fit(input.origin?.userAgent, WIDTH.userAgent);
  entry.requestId = fit(input.origin?.requestId ?? contextRequestId, WIDTH.requestId);
  entry.timestamp = now;
  return entry;
}
