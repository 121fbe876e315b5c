import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type AppConfig,
  AppError,
  errorMessage,
  InjectConfig,
  JobName,
  Metrics,
  type JobPayloads,
  SCAIDNS_QUEUE,
  WebhookEvent,
  isDuplicateKeyError,
} from '@app/core';
import type { Queue } from 'bullmq';
import { type DataSource, type EntityManager, MoreThan, Not } from 'typeorm';
import { AccessService } from '../rbac/access.service';
import { type AppliedEvent, WebhookEventApplier } from './webhook-event.applier';
import { isKnownEvent, parseWebhookEnvelope, resourceKeyOf } from './webhook-envelope';
import { verifyWebhookSignature } from './webhook-signature';

/**
 * How the worker retries a failed event: first after `delayMs`, then exponentially (5 s, 10 s, 20 s …
 * about 45 hours in all). An event still failing after that stays `failed` in `webhook_events`;
 * ScaiKey's redelivery or the next `scaidns sync` heals what it was about.
 */
export const WEBHOOK_RETRY = { attempts: 15, delayMs: 5000 } as const;

/** The reply ScaiKey gets (`200 {success, message, event_id}`). */
export interface WebhookReceipt {
  readonly success: boolean;
  readonly message: string;
  readonly eventId: string;
}

/** One processing attempt's result; `failed` attempts are recorded and retried. */
export type WebhookAttempt =
  | { readonly status: 'processed' | 'skipped' | 'duplicate'; readonly message: string }
  | { readonly status: 'failed'; readonly message: string };

const MESSAGE_LENGTH = 512;

function clip(message: string): string {
  return message.length > MESSAGE_LENGTH ? `${message.slice(0, MESSAGE_LENGTH - 1)}…` : message;
}

/**
 * ScaiKey's webhooks in: verified on the raw bytes, stored once per `event_id` (a repeated delivery
 * finds the stored row and is not applied again), applied in one transaction with its audit entries
 * and its row's new status (the row is locked, so a redelivery and a worker retry never apply the
 * same event twice), and on failure recorded and handed to the worker, which retries with backoff.
 */
@Injectable()
export class ScaiKeyWebhookService {
  private readonly logger = new Logger(ScaiKeyWebhookService.name);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applier: WebhookEventApplier,
    private readonly access: AccessService,
    @InjectQueue(SCAIDNS_QUEUE) private readonly queue: Queue,
    private readonly metrics: Metrics,
  ) {}

  /**
   * Verifies `X-ScaiKey-Signature` over `rawBody` before reading it (401 otherwise), stores the
   * event and processes it. A processing failure is not an error of the delivery: it is answered
   * `success: false` and retried by the worker.
   */
  async receive(
    rawBody: Buffer | undefined,
    signature: string | undefined,
    nowSeconds: number = Date.now() / 1000,
  ): Promise<WebhookReceipt> {
    // Counted once per delivery: `rejected` (signature, body), the attempt's status, or `error`.
    const outcome = { eventType: 'unknown', result: 'rejected' };
    try {
      return await this.receiveCounted(rawBody, signature, nowSeconds, outcome);
    } finally {
      this.metrics.webhookEvents.labels(outcome.eventType, outcome.result).inc();
    }
  }

  private async receiveCounted(
    rawBody: Buffer | undefined,
    signature: string | undefined,
    nowSeconds: number,
    outcome: { eventType: string; result: string },
  ): Promise<WebhookReceipt> {
    const secret = this.config.scaikey.webhookSecret;
    if (!secret) {
      throw new AppError(
        'NOT_READY',
        'ScaiKey webhooks are not configured (SCAIKEY_WEBHOOK_SECRET)',
      );
    }
    const check = verifyWebhookSignature(secret, signature, rawBody ?? Buffer.alloc(0), nowSeconds);
    if (!check.valid) throw new AppError('UNAUTHENTICATED', check.reason);
    let body: unknown;
    try {
      body = JSON.parse((rawBody ?? Buffer.alloc(0)).toString('utf8'));
    } catch {
      throw AppError.badRequest('Webhook body is not valid JSON');
    }
    const envelope = parseWebhookEnvelope(body, check.timestamp);
    // Only ScaiKey's own event names become label values; anything else is `other`.
    outcome.eventType = isKnownEvent(envelope.eventType) ? envelope.eventType : 'other';
    outcome.result = 'error';
    const stored = await this.store(body as Record<string, unknown>, envelope.eventId, {
      eventType: envelope.eventType,
      eventTimestampUs: envelope.timestamp,
      resourceKey: resourceKeyOf(envelope),
    });
    if (stored.status === 'processed' || stored.status === 'skipped') {
      outcome.result = 'duplicate';
      return this.receipt(envelope.eventId, { status: 'duplicate', message: '' });
    }
    const attempt = await this.process(envelope.eventId);
    outcome.result = attempt.status;
    if (attempt.status === 'failed') await this.scheduleRetry(envelope.eventId);
    return this.receipt(envelope.eventId, attempt);
  }

  /** One attempt at a stored event (the worker's entry point too). Never throws. */
  async process(eventId: string): Promise<WebhookAttempt> {
    let applied: AppliedEvent | 'duplicate' | 'missing';
    try {
      applied = await this.dataSource.transaction(async (manager) => {
        const row = await manager.findOne(WebhookEvent, {
          where: { eventId },
          lock: { mode: 'pessimistic_write' },
        });
        // A retry outliving its row (the database was restored, say) has nothing left to do.
        if (!row) return 'missing' as const;
        if (row.status === 'processed' || row.status === 'skipped') return 'duplicate' as const;
        const result = (await this.superseded(manager, row))
          ? ({
              status: 'skipped',
              message: 'A later event about the same thing was already applied',
              rbacChanged: false,
            } satisfies AppliedEvent)
          : await this.applier.apply(
              manager,
              parseWebhookEnvelope(row.payload, row.eventTimestampUs / 1_000_000),
            );
        await manager.update(WebhookEvent, row.id, {
          status: result.status,
          message: clip(result.message),
          attempts: row.attempts + 1,
          lastError: null,
          processedAt: new Date(),
        });
        return result;
      });
    } catch (error) {
      const message = errorMessage(error);
      this.logger.warn(`ScaiKey webhook ${eventId} failed: ${message}`);
      await this.dataSource
        .getRepository(WebhookEvent)
        .update(
          { eventId, status: Not('processed') },
          { status: 'failed', attempts: () => '`attempts` + 1', lastError: message },
        );
      return { status: 'failed', message };
    }
    if (applied === 'duplicate') return { status: 'duplicate', message: '' };
    if (applied === 'missing')
      return { status: 'skipped', message: `Event ${eventId} is not stored` };
    if (applied.rbacChanged) await this.access.invalidateAll();
    return { status: applied.status, message: applied.message };
  }

  /** The worker's job: throws while the event keeps failing, so BullMQ retries it with backoff. */
  async retry(payload: JobPayloads[JobName.ScaiKeyWebhook]): Promise<WebhookAttempt> {
    const attempt = await this.process(payload.eventId);
    if (attempt.status === 'failed') throw new Error(attempt.message);
    return attempt;
  }

  private async store(
    payload: Record<string, unknown>,
    eventId: string,
    fields: Pick<WebhookEvent, 'eventType' | 'eventTimestampUs' | 'resourceKey'>,
  ): Promise<WebhookEvent> {
    const repo = this.dataSource.getRepository(WebhookEvent);
    const known = await repo.findOneBy({ eventId });
    if (known) return known;
    try {
      return await repo.save(repo.create({ eventId, payload, status: 'pending', ...fields }));
    } catch (error) {
      // The same event delivered twice at once: the other delivery stored it first.
      if (!isDuplicateKeyError(error)) throw error;
      return repo.findOneByOrFail({ eventId });
    }
  }

  /**
   * Whether an event about the same thing with a strictly later timestamp (to the microsecond, as
   * ScaiKey stamped it; not the whole seconds of the signature) was applied already: then this one
   * arrived late and is stale. An event exactly as old as an applied one is applied (see
   * `isStale`: a tie is the same instant of ScaiKey's state).
   */
  private async superseded(manager: EntityManager, row: WebhookEvent): Promise<boolean> {
    if (!row.resourceKey) return false;
    return manager.exists(WebhookEvent, {
      where: {
        resourceKey: row.resourceKey,
        status: 'processed',
        eventTimestampUs: MoreThan(row.eventTimestampUs),
      },
    });
  }

  private async scheduleRetry(eventId: string): Promise<void> {
    try {
      await this.queue.add(
        JobName.ScaiKeyWebhook,
        { eventId } satisfies JobPayloads[JobName.ScaiKeyWebhook],
        {
          jobId: `scaikey-webhook-${eventId}`,
          delay: WEBHOOK_RETRY.delayMs,
          attempts: WEBHOOK_RETRY.attempts,
          backoff: { type: 'exponential', delay: WEBHOOK_RETRY.delayMs },
          removeOnComplete: true,
          removeOnFail: true,
        },
      );
    } catch (error) {
      // Redis down: the event stays `failed`; ScaiKey's redelivery or the next sync heals it.
      this.logger.error(
        `could not queue a retry of ScaiKey webhook ${eventId}: ${errorMessage(error)}`,
      );
    }
  }

  private receipt(eventId: string, attempt: WebhookAttempt): WebhookReceipt {
    switch (attempt.status) {
      case 'duplicate':
        return { success: true, message: `Event ${eventId} was already processed`, eventId };
      case 'failed':
        return {
          success: false,
          message: `Processing failed and will be retried: ${attempt.message}`,
          eventId,
        };
      case 'processed':
      case 'skipped':
        return { success: true, message: attempt.message, eventId };
    }
  }
}
