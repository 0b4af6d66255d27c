import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainException, UUID_PATTERN } from '@app/common';
import type { WebhookRequest } from '@app/channels';
import { Public } from '@app/identity';
import { WebhookIntakeService } from '@app/inbox';


class WebhookReceiptDto {
  @ApiProperty() received!: boolean;
  @ApiProperty({ description: 'the same bytes were received before: acknowledged, not stored again' }) duplicate!: boolean;
  @ApiProperty({ description: 'normalized events in the delivery' }) events!: number;
}

/** The platforms' door: their own handshake and event formats, checked on the raw bytes, stored before the 2xx. */
@ApiTags('webhooks')
@Public()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly intake: WebhookIntakeService) {}

  @Get(':channelId')
  @ApiOperation({ summary: "The platform's verification handshake (Meta hub.challenge, X crc_token, LinkedIn challengeCode)" })
  @ApiOkResponse({ description: 'the challenge answer, as plain text or JSON as the platform expects; a wrong Meta verify_token gets 403' })
  async handshake(@Param('channelId') channelId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const result = await this.intake.receive(knownId(channelId), toWebhookRequest(req));
    if (result.kind !== 'handshake') throw new DomainException('NO_HANDSHAKE', 'Not a handshake');
    res.status(result.answer.status).type(result.answer.contentType).send(result.answer.body);
  }

  @Post(':channelId')
  @HttpCode(200)
  @ApiOperation({
    summary: "A platform delivery in the platform's own format",
    description:
      '200 only once the raw body is durably stored. 401 SIGNATURE_MISSING / 403 SIGNATURE_INVALID store nothing; ' +
      '400 WEBHOOK_UNPARSEABLE for a body that is not the platform format; 404 CHANNEL_NOT_FOUND; 413 over 1 MiB.',
  })
  @ApiOkResponse({ type: WebhookReceiptDto })
  async receive(@Param('channelId') channelId: string, @Req() req: Request): Promise<WebhookReceiptDto> {
    const result = await this.intake.receive(knownId(channelId), toWebhookRequest(req));
    if (result.kind !== 'stored') throw new DomainException('BAD_REQUEST', 'A POST is a delivery, not a handshake');
    return { received: true, duplicate: result.duplicate, events: result.events };
  }
}

/** Anything that is not a UUID names no channel: 404, as for an unknown one. */
function knownId(channelId: string): string {
  if (!UUID_PATTERN.test(channelId)) throw new DomainException('CHANNEL_NOT_FOUND', 'No channel with this id');
  return channelId;
}

function toWebhookRequest(req: Request): WebhookRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value[0] : value;
  const query: Record<string, string | undefined> = {};
  // Read from the URL itself: platform parameters like hub.mode must stay flat keys whatever the query parser does.
  for (const [name, value] of new URL(req.originalUrl, 'http://desk.invalid').searchParams) query[name] ??= value;
  return {
    method: req.method === 'GET' ? 'GET' : 'POST',
    headers,
    query,
    rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
  };
}
