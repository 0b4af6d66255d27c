import { safeEqual } from '../../signing/hmac';
import type { VerifyResult } from '../../types/webhook-request';

/**
 * The contract's rule for a delivery credential: 401 when the header is missing, 403 when it is present but
 * wrong. `expected` is undefined when the channel lacks the secret to compute it, which nothing can match.
 */
export function checkCredential(given: string | undefined, expected: string | undefined, header: string): VerifyResult {
  if (given === undefined || given === '') return { ok: false, status: 401, reason: `missing ${header} header` };
  if (expected === undefined || !safeEqual(given, expected)) return { ok: false, status: 403, reason: `${header} does not match` };
  return { ok: true };
}
