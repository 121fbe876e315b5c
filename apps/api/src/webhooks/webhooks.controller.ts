import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import { ScaiKeyWebhookService } from '@app/identity';
import { Public } from '../auth/auth.decorators';
import type { RequestWithRawBody } from '../common/body-parser';
import { WebhookEnvelopeDto, WebhookReplyDto } from './webhook.dto';

/** Events from ScaiKey, which owns partners, tenants, users and groups. */
@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: ScaiKeyWebhookService) {}

  /**
   * Keeps the identity cache current. Authenticated by `X-ScaiKey-Signature` (HMAC-SHA256 of
   * `<t>.<raw body>` with SCAIKEY_WEBHOOK_SECRET), checked on the raw bytes before anything reads
   * them: a missing, malformed or wrong signature, or a `t` more than 300 s from now, is 401. Each
   * `event_id` is applied once. Events about things not yet known here are completed from ScaiKey's
   * admin API; older events about something newer already applied are skipped.
   */
  @Public()
  @Post('scaikey')
  @HttpCode(200)
  @ApiHeader({
    name: 'X-ScaiKey-Signature',
    required: true,
    description: '`t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`',
  })
  @ApiBody({ type: WebhookEnvelopeDto })
  async scaikey(
    @Req() req: RequestWithRawBody,
    @Headers('x-scaikey-signature') signature: string | undefined,
  ): Promise<WebhookReplyDto> {
    const receipt = await this.webhooks.receive(req.rawBody, signature);
    return { success: receipt.success, message: receipt.message, event_id: receipt.eventId };
  }
}
