import { randomUUID } from 'node:crypto';
import { ACTOR_TYPES, AuditLog } from '@app/core';
import { getMetadataArgsStorage } from 'typeorm';
import { buildAuditDetails, sliceWhole } from './audit-details';
import type { AuditEntryInput } from './audit.types';

/** `<resource>.<verb>` (verbs may be dotted: `domain.validation.start`), as API.md lists them. */
const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** The width of an audit_logs column, from the entity: a longer value is cut, never allowed to fail the transaction. */
function widthOf(property: keyof AuditLog): number {
  const column = getMetadataArgsStorage().columns.find(
    (c) => c.target === AuditLog && c.propertyName === property,
  );
  const width = Number(column?.options.length);
  if (!Number.isInteger(width)) throw new Error(`audit_logs.${property} has no length`);
  return width;
}

const WIDTH = {
  actorId: widthOf('actorId'),
  actorEmail: widthOf('actorEmail'),
  resourceType: widthOf('resourceType'),
  resourceId: widthOf('resourceId'),
  resourceName: widthOf('resourceName'),
  ipAddress: widthOf('ipAddress'),
  userAgent: widthOf('userAgent'),
  requestId: widthOf('requestId'),
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
