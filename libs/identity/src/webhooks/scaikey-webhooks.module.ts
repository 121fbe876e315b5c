import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { SCAIDNS_QUEUE } from '@app/core';
import { IdentityModule } from '../identity.module';
import { ScaiKeyWebhookService } from './scaikey-webhook.service';
import { WebhookEventApplier } from './webhook-event.applier';

/**
 * ScaiKey webhook processing. Apart from IdentityModule because it queues retries: the importing
 * app must configure BullMQ (`BullModule.forRoot`), as the API and the worker do.
 */
@Module({
  imports: [IdentityModule, BullModule.registerQueue({ name: SCAIDNS_QUEUE })],
  providers: [ScaiKeyWebhookService, WebhookEventApplier],
  exports: [ScaiKeyWebhookService],
})
export class ScaiKeyWebhooksModule {}
