import type { ChannelConfig, ChannelType } from './channel-type';
import type { NormalizedEvent } from './normalized-event';
import type { HttpRequest, HttpResponse, ReplyContext, SendOutcome } from './outbound';
import type { HandshakeAnswer, VerifyResult, WebhookRequest } from './webhook-request';

/**
 * One per platform. Everything but enrich() and poll() is pure: values in, values out, no I/O, so every fixture
 * can be tested without a server.
 */
export interface ChannelAdapter {
  readonly type: ChannelType;
  /** A GET the platform sends to prove we own the URL; null when the request is not this platform's handshake. */
  handshake(req: WebhookRequest, config: ChannelConfig): HandshakeAnswer | null;
  /** Checks the delivery's signature or token on the raw bytes. Called before parse(). */
  verify(req: WebhookRequest, config: ChannelConfig): VerifyResult;
  /** Turns one verified delivery into normalized events; throws WebhookParseError when it is not the platform's format. */
  parse(req: WebhookRequest, config: ChannelConfig): NormalizedEvent[];
  /** The platform call that posts our reply. */
  buildReply(ctx: ReplyContext): HttpRequest;
  /** What the platform's answer to buildReply() means. */
  readReply(res: HttpResponse, ctx: ReplyContext): SendOutcome;
  /**
   * The headers a genuine delivery of rawBody carries (signature, secret token, basic auth); used by the simulator
   * and the tests to sign fixtures and generated traffic exactly as the platform does.
   */
  signDelivery(rawBody: Buffer, config: ChannelConfig): Record<string, string>;
  /** Fetches what an event with needsEnrichment lacks; returns the completed event. */
  enrich?(event: NormalizedEvent, config: ChannelConfig, http: HttpExecutor): Promise<NormalizedEvent>;
}

/** The one way adapters reach the network; throws NetworkError on connection failures and timeouts. */
export type HttpExecutor = (req: HttpRequest) => Promise<HttpResponse>;

export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}
