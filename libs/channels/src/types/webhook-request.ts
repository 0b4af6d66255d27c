/** One HTTP delivery to /webhooks/:channelId, as the adapter sees it: the exact bytes, never re-serialized JSON. */
export interface WebhookRequest {
  method: 'GET' | 'POST';
  /** Header names lower-cased. */
  headers: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  rawBody: Buffer;
}

/** What to answer a platform's handshake (Meta hub.challenge, X crc_token, LinkedIn challengeCode). */
export interface HandshakeAnswer {
  status: number;
  contentType: 'text/plain' | 'application/json';
  body: string;
}

export type VerifyResult =
  | { ok: true }
  /** 401 when the credential is missing, 403 when it is present and wrong (Meta's verify_token: always 403). */
  | { ok: false; status: 401 | 403; reason: string };

/** Thrown by parse() for a body that is not the platform's format; the webhook answers 400 and stores nothing. */
export class WebhookParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookParseError';
  }
}
