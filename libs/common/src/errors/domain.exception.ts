import { HttpException, HttpStatus } from '@nestjs/common';

/** Every stable error code a client may see, one place so they stay stable. */
export const ErrorCode = {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  MALFORMED_JSON: HttpStatus.BAD_REQUEST,
  BAD_REQUEST: HttpStatus.BAD_REQUEST,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  INVALID_CREDENTIALS: HttpStatus.UNAUTHORIZED,
  AUTH_REQUIRED: HttpStatus.UNAUTHORIZED,
  TOKEN_INVALID: HttpStatus.UNAUTHORIZED,
  TOKEN_EXPIRED: HttpStatus.UNAUTHORIZED,
  /** A websocket handshake without `auth: {token}` (or an Authorization header). */
  TOKEN_MISSING: HttpStatus.UNAUTHORIZED,
  MEMBERSHIP_INACTIVE: HttpStatus.UNAUTHORIZED,
  NOT_A_MEMBER: HttpStatus.UNAUTHORIZED,
  ACCESS_DENIED: HttpStatus.FORBIDDEN,
  USER_MANAGED_ELSEWHERE: HttpStatus.FORBIDDEN,
  LOGIN_THROTTLED: HttpStatus.TOO_MANY_REQUESTS,
  /** A websocket client sending faster than its per-connection budget. */
  RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS,
  ROUTE_NOT_FOUND: HttpStatus.NOT_FOUND,
  USER_NOT_FOUND: HttpStatus.NOT_FOUND,
  WORKSPACE_NOT_FOUND: HttpStatus.NOT_FOUND,
  CHANNEL_NOT_FOUND: HttpStatus.NOT_FOUND,
  CONVERSATION_NOT_FOUND: HttpStatus.NOT_FOUND,
  CONTACT_NOT_FOUND: HttpStatus.NOT_FOUND,
  EVENT_NOT_FOUND: HttpStatus.NOT_FOUND,
  ROLE_NOT_FOUND: HttpStatus.NOT_FOUND,
  /** GET /api/responsibility-map/versions/:version for a version that was never saved. */
  MAP_VERSION_NOT_FOUND: HttpStatus.NOT_FOUND,
  /** A role named a working-hours calendar (businessHoursId) that is not one of this workspace. */
  BUSINESS_HOURS_NOT_FOUND: HttpStatus.NOT_FOUND,
  CANNED_RESPONSE_NOT_FOUND: HttpStatus.NOT_FOUND,
  SLA_POLICY_NOT_FOUND: HttpStatus.NOT_FOUND,
  /** A calendar still named by an SLA policy cannot be deleted: change or delete the policy first. */
  BUSINESS_HOURS_IN_USE: HttpStatus.CONFLICT,
  /** A report's range is malformed or backwards (from must be before to, at most 400 days apart). */
  REPORT_RANGE_INVALID: HttpStatus.BAD_REQUEST,
  MESSAGE_NOT_FOUND: HttpStatus.NOT_FOUND,
  SIGNATURE_MISSING: HttpStatus.UNAUTHORIZED,
  SIGNATURE_INVALID: HttpStatus.FORBIDDEN,
  /**
   * A correctly signed delivery that is not fresh: its one-time token (Mailgun `token`) was already accepted with
   * another body, or its signed timestamp lies outside WEBHOOK_MAX_AGE_SECONDS. Nothing is stored.
   */
  WEBHOOK_REPLAYED: HttpStatus.FORBIDDEN,
  WEBHOOK_UNPARSEABLE: HttpStatus.BAD_REQUEST,
  NO_HANDSHAKE: HttpStatus.BAD_REQUEST,
  CHANNEL_DELETED: HttpStatus.CONFLICT,
  NOTHING_TO_ANSWER: HttpStatus.CONFLICT,
  CONTACTS_SAME: HttpStatus.CONFLICT,
  USER_ALREADY_MEMBER: HttpStatus.CONFLICT,
  LAST_ADMIN: HttpStatus.CONFLICT,
  ROLE_NAME_TAKEN: HttpStatus.CONFLICT,
  /** An agent may only take an unassigned conversation of one of their roles for themself. */
  ASSIGNMENT_NOT_ALLOWED: HttpStatus.FORBIDDEN,
  /** An agent tried to take a conversation someone else already holds. */
  CONVERSATION_ALREADY_ASSIGNED: HttpStatus.CONFLICT,
  /** The conversation changed since the version the client sent in If-Match: reload and retry. */
  VERSION_CONFLICT: HttpStatus.CONFLICT,
  /** An agent tried to take a conversation while already holding as many open ones of that role as their capacity. */
  CAPACITY_REACHED: HttpStatus.CONFLICT,
  /** Another canned response of this workspace already has this shortcut (case-insensitively). */
  CANNED_SHORTCUT_TAKEN: HttpStatus.CONFLICT,
  /** Only a reply held for approval can be approved or rejected; this one was decided already or never held. */
  REPLY_NOT_HELD: HttpStatus.CONFLICT,
  /** A public reply containing terms the reply policy blocks: nothing was stored or sent. */
  REPLY_BLOCKED: HttpStatus.UNPROCESSABLE_ENTITY,
  METHOD_NOT_ALLOWED: HttpStatus.METHOD_NOT_ALLOWED,
  SERVICE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  /** The database cannot be reached right now (restarting, failing over, out of connections): retry after Retry-After. */
  DATABASE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  INTERNAL_ERROR: HttpStatus.INTERNAL_SERVER_ERROR,
} as const;
export type ErrorCode = keyof typeof ErrorCode;

/** A domain failure with its stable code; the global filter turns it into the contract's error shape. */
export class DomainException extends HttpException {
  constructor(
    readonly code: ErrorCode,
    message: string | string[],
    readonly headers: Record<string, string> = {},
  ) {
    super({ message, code }, ErrorCode[code]);
  }
}
