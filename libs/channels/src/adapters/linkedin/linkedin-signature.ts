import { hmacSha256 } from '../../signing/hmac';

export const LINKEDIN_SIGNATURE_HEADER = 'x-li-signature';

/** The validation GET's answer: hex HMAC of the challenge code with the client secret. */
export function challengeResponse(clientSecret: string, challengeCode: string): string {
  return hmacSha256(clientSecret, challengeCode, 'hex');
}

/** As documented, deliveries sign the raw body behind a literal `hmacsha256=` prefix (hex, no prefix in the header). */
export function deliverySignature(clientSecret: string, rawBody: Buffer): string {
  return hmacSha256(clientSecret, Buffer.concat([Buffer.from('hmacsha256=', 'utf8'), rawBody]), 'hex');
}
