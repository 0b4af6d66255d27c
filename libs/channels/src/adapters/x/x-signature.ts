import { hmacSha256 } from '../../signing/hmac';

/** X signs both the CRC answer and every delivery the same way: `sha256=` + base64 HMAC with the consumer secret. */
export function xSignature(consumerSecret: string, message: Buffer | string): string {
  return `sha256=${hmacSha256(consumerSecret, message, 'base64')}`;
}

export const X_SIGNATURE_HEADER = 'x-twitter-webhooks-signature';
