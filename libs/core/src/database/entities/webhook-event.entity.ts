import { Column, CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';
import type { EpochMicros } from '../../time/epoch-micros';
import { bigintAsNumber } from './bigint-number.transformer';
import { UuidPrimaryEntity } from './uuid-primary.base';

export const WEBHOOK_EVENT_STATUSES = ['pending', 'processed', 'skipped', 'failed'] as const;
/**
 * `pending`: received, not yet processed; `processed`: applied; `skipped`: nothing to apply (stale,
 * another application's, about something ScaiKey no longer knows); `failed`: the last attempt
 * failed and the worker retries it.
 */
export type WebhookEventStatus = (typeof WEBHOOK_EVENT_STATUSES)[number];

/**
 * One ScaiKey webhook delivery, keyed by its `event_id`: the unique index makes a repeated delivery
 * find the first one instead of being applied twice, the stored envelope is what the worker retries,
 * and processed rows are the ordering record (`resource_key` + `event_timestamp_us`) that lets a late,
 * older event about the same thing be recognised as stale.
 */
@Entity({ name: 'webhook_events' })
@Index('uq_webhook_events_event_id', ['eventId'], { unique: true })
@Index('idx_webhook_events_resource', ['resourceKey', 'eventTimestampUs'])
@Index('idx_webhook_events_status', ['status'])
export class WebhookEvent extends UuidPrimaryEntity {
  @Column({ name: 'event_id', type: 'varchar', length: 128 })
  eventId: string;

  @Column({ name: 'event_type', type: 'varchar', length: 64 })
  eventType: string;

  /** What the event is about, e.g. `user:usr_1`, `membership:grp_1:usr_1`; null when unknown. */
  @Column({ name: 'resource_key', type: 'varchar', length: 255, nullable: true })
  resourceKey: string | null;

  /**
   * When ScaiKey emitted the event (the envelope's `timestamp`), in microseconds since the epoch
   * (EpochMicros): the ordering of events about one thing must survive to ScaiKey's full precision.
   */
  @Column({ name: 'event_timestamp_us', type: 'bigint', transformer: bigintAsNumber })
  eventTimestampUs: EpochMicros;

  /** The envelope as received (parsed JSON). */
  @Column({ name: 'payload', type: 'json' })
  payload: Record<string, unknown>;

  @Column({ name: 'status', type: 'varchar', length: 16, default: 'pending' })
  status: WebhookEventStatus;

  @Column({ name: 'attempts', type: 'int', default: 0 })
  attempts: number;

  /** What processing did (or why it skipped). */
  @Column({ name: 'message', type: 'varchar', length: 512, nullable: true })
  message: string | null;

  /** Why the last attempt failed; cleared on success. */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'received_at', type: 'datetime', precision: 6 })
  receivedAt: Date;

  @Column({ name: 'processed_at', type: 'datetime', precision: 6, nullable: true })
  processedAt: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;
}
