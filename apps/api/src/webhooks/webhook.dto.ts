/** What `POST /webhooks/scaikey` answers (200 even when processing failed: ScaiKey need not resend). */
export class WebhookReplyDto {
  /** false: processing failed; the event is stored and the worker retries it with backoff. */
  success: boolean;
  message: string;
  event_id: string;
}

/** `resource` and `actor` of an envelope. */
export class WebhookRefDto {
  type: string;
  id: string;
}

/**
 * A ScaiKey event. `data` is the event's payload: the partner, tenant, user or group record (or part
 * of it) for entity events; `{group_id, member_id, member_type}` for membership events;
 * `{application_id, user_id | group_id}` for assignment events.
 */
export class WebhookEnvelopeDto {
  /** Unique per event; a repeated delivery is answered without being applied again. */
  event_id: string;
  /**
   * partner.created|updated|deleted, tenant.created|updated|deleted (deleted suspends the tenant),
   * user.created|updated|deleted|suspended|activated, group.created|updated|deleted|member_added|
   * member_removed, application.user_assigned|user_unassigned. Others are acknowledged and ignored.
   */
  event_type: string;
  /** When ScaiKey emitted the event (ISO 8601); orders events about the same thing. */
  timestamp: string;
  data: Record<string, unknown>;
  resource?: WebhookRefDto;
  actor?: WebhookRefDto;
  tenant_id?: string | null;
  partner_id?: string | null;
}
