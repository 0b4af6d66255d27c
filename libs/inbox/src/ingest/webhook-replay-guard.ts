import type { ChannelConfig, ChannelType, WebhookRequest } from '@app/channels';
import { signedMailgunStamp } from '@app/channels/adapters/email/email.adapter';
import type { MailgunStamp } from '@app/channels/adapters/email/mailgun-signature';

/**
 * A delivery whose signature covers a timestamp and a one-time token but not the content (Mailgun): a captured
 * delivery's timestamp, token and signature could be sent again with another mail. Such a delivery is accepted
 * only while its timestamp is fresh and only the first time its token is seen on the channel.
 */
export type SignedStamp = MailgunStamp;

/** The stamp the platform signed, for the platforms that sign one (Mailgun forms on an e-mail channel with a key). */
export function signedStampOf(type: ChannelType, req: WebhookRequest, config: ChannelConfig): SignedStamp | undefined {
  return type === 'email' ? signedMailgunStamp(req, config) : undefined;
}

export type Freshness = { fresh: true } | { fresh: false; reason: string };

/**
 * Whether a signed timestamp (Unix seconds) lies within maxAgeSeconds of now, either way (a timestamp from the
 * future is as suspect as an old one); the boundary itself is fresh. maxAgeSeconds 0 turns the check off. Pure:
 * the caller passes its Clock's now.
 */
export function freshness(timestampSeconds: number, now: Date, maxAgeSeconds: number): Freshness {
  if (maxAgeSeconds <= 0) return { fresh: true };
  if (!Number.isFinite(timestampSeconds)) return { fresh: false, reason: 'the signed timestamp is not a time' };
  // Whole seconds, as the platform signs them.
  const ageSeconds = Math.floor(now.getTime() / 1000) - timestampSeconds;
  if (ageSeconds > maxAgeSeconds) {
    return { fresh: false, reason: `the signed timestamp is ${ageSeconds} s old, more than the ${maxAgeSeconds} s allowed` };
  }
  if (-ageSeconds > maxAgeSeconds) {
    return { fresh: false, reason: `the signed timestamp is ${-ageSeconds} s in the future, more than the ${maxAgeSeconds} s allowed` };
  }
  return { fresh: true };
}
