import { Module } from '@nestjs/common';
import { ScaiKeyWebhooksModule } from '@app/identity';
import { WebhooksController } from './webhooks.controller';

@Module({
  imports: [ScaiKeyWebhooksModule],
  controllers: [WebhooksController],
})
export class WebhooksApiModule {}
