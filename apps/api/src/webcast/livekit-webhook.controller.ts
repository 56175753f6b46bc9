import { Controller, Headers, HttpCode, Post, RawBodyRequest, Req } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/auth.decorators';
import { LiveKitWebhookService } from './livekit-webhook.service';

/** LiveKit posts its events here (`application/webhook+json`, `Authorization: <jwt>` without "Bearer"). */
@ApiTags('webcast')
@Controller('livekit')
export class LiveKitWebhookController {
  constructor(private readonly webhooks: LiveKitWebhookService) {}

  @Post('webhook')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'LiveKit webhook receiver (for the LiveKit server only)',
    description:
      'Verified against the exact body: the JWT in Authorization (no "Bearer") must be signed with the API ' +
      "secret and carry the body's SHA-256. Each event id is handled once.",
  })
  @ApiHeader({ name: 'Authorization', description: 'LiveKit-signed JWT, without "Bearer"' })
  @ApiOkResponse({ description: 'Handled, or a duplicate ignored' })
  @ApiUnauthorizedResponse({
    description: 'UNAUTHENTICATED: missing, invalid, tampered or expired signature',
  })
  async receive(
    @Req() req: RawBodyRequest<Request>,
    @Headers('authorization') authorization?: string,
  ): Promise<void> {
    const raw = req.rawBody ?? (Buffer.isBuffer(req.body) ? req.body : undefined);
    await this.webhooks.receive(raw, authorization);
  }
}
