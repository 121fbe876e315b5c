import { AppError, type EpochMicros, type GroupMemberType } from '@app/core';
import { parseStamp } from '../mirror/mirror-rules';

/** Every event ScaiKey sends that ScaiDNS acts on. */
export const SCAIKEY_WEBHOOK_EVENTS = [
  'partner.created',
  'partner.updated',
  'partner.deleted',
  'tenant.created',
  'tenant.updated',
  'tenant.deleted',
  'user.created',
  'user.updated',
  'user.deleted',
  'user.suspended',
  'user.activated',
  'group.created',
  'group.updated',
  'group.deleted',
  'group.member_added',
  'group.member_removed',
  'application.user_assigned',
  'application.user_unassigned',
] as const;
export type ScaiKeyEventType = (typeof SCAIKEY_WEBHOOK_EVENTS)[number];

/** A delivery's envelope, checked; `data` is the event's own payload (often the whole record). */
export interface ScaiKeyWebhookEnvelope {
  readonly eventId: string;
  readonly eventType: string;
  /**
   * When ScaiKey emitted the event, to the microsecond: the envelope's `timestamp` (at whatever
   * precision ScaiKey writes it), else the signature's `t` (whole seconds).
   */
  readonly timestamp: EpochMicros;
  readonly resource: { readonly type: string; readonly id: string } | null;
  readonly data: Record<string, unknown>;
  /** ScaiKey tenant and partner ids the event concerns, when it names them. */
  readonly tenantId: string | null;
  readonly partnerId: string | null;
}

/** A membership event's pair: `member_id` (or `user_id`/`child_group_id`) in `group_id`. */
export interface MembershipRef {
  readonly groupId: string;
  readonly memberId: string;
  readonly memberType: GroupMemberType;
}

/** An assignment event's principal (a user, or a group whose users are assigned through it). */
export interface AssignmentRef {
  readonly applicationId: string | null;
  readonly principalId: string;
  readonly principalType: GroupMemberType;
}

/** At most 64 characters: the event id is the audit actor id of every change it makes. */
const EVENT_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function isKnownEvent(eventType: string): eventType is ScaiKeyEventType {
  return (SCAIKEY_WEBHOOK_EVENTS as readonly string[]).includes(eventType);
}

/**
 * Checks a (signature-verified) body: an object with `event_id`, `event_type` and an object `data`.
 * `signedAt` (unix seconds) stands in for a missing or unreadable `timestamp`.
 */
export function parseWebhookEnvelope(body: unknown, signedAt: number): ScaiKeyWebhookEnvelope {
  if (!isRecord(body)) throw AppError.badRequest('Webhook body must be a JSON object');
  const eventId = text(body.event_id);
  if (!eventId || !EVENT_ID.test(eventId)) {
    throw AppError.badRequest('Webhook event_id is missing or malformed');
  }
  const eventType = text(body.event_type);
  if (!eventType) throw AppError.badRequest('Webhook event_type is missing');
  const data = body.data ?? {};
  if (!isRecord(data)) throw AppError.badRequest('Webhook data must be an object');
  const resource = isRecord(body.resource) ? body.resource : null;
  return {
    eventId,
    eventType,
    timestamp: parseStamp(body.timestamp) ?? Math.round(signedAt * 1_000_000),
    resource:
      resource && text(resource.type) && text(resource.id)
        ? { type: String(resource.type), id: String(resource.id) }
        : null,
    data,
    tenantId: text(body.tenant_id) ?? text(data.tenant_id),
    partnerId: text(body.partner_id) ?? text(data.partner_id),
  };
}

/** The id of the partner, tenant, user or group an entity event is about. */
export function entityIdOf(envelope: ScaiKeyWebhookEnvelope): string | null {
  return text(envelope.data.id) ?? envelope.resource?.id ?? null;
}

function memberTypeOf(id: string, given: unknown): GroupMemberType {
  if (given === 'group' || given === 'user') return given;
  return id.startsWith('grp_') ? 'group' : 'user';
}

export function membershipOf(envelope: ScaiKeyWebhookEnvelope): MembershipRef | null {
  const { data, resource } = envelope;
  const groupId = text(data.group_id) ?? (resource?.type === 'group' ? resource.id : null);
  const memberId = text(data.member_id) ?? text(data.user_id) ?? text(data.child_group_id);
  if (!groupId || !memberId) return null;
  return { groupId, memberId, memberType: memberTypeOf(memberId, data.member_type) };
}

export function assignmentOf(envelope: ScaiKeyWebhookEnvelope): AssignmentRef | null {
  const { data, resource } = envelope;
  const principalId =
    text(data.principal_id) ??
    text(data.user_id) ??
    text(data.group_id) ??
    (resource && resource.type !== 'application' ? resource.id : null);
  if (!principalId) return null;
  const applicationId =
    text(data.application_id) ?? (resource?.type === 'application' ? resource.id : null);
  return {
    applicationId,
    principalId,
    principalType: memberTypeOf(principalId, data.principal_type),
  };
}

/**
 * What an event is about, for ordering: a processed event with the same key and a later timestamp
 * makes this one stale. Entity events share their entity's key (so a late `group.updated` after a
 * `group.deleted` is stale); a membership or an assignment has its own.
 */
export function resourceKeyOf(envelope: ScaiKeyWebhookEnvelope): string | null {
  const [kind] = envelope.eventType.split('.');
  if (
    envelope.eventType === 'group.member_added' ||
    envelope.eventType === 'group.member_removed'
  ) {
    const ref = membershipOf(envelope);
    return ref ? `membership:${ref.groupId}:${ref.memberId}` : null;
  }
  if (kind === 'application') {
    const ref = assignmentOf(envelope);
    return ref ? `assignment:${ref.principalId}` : null;
  }
  const id = entityIdOf(envelope);
  return id ? `${kind}:${id}` : null;
}
