import { DomainException, isUuid } from '@app/common';

/** Keyset position (last activity in microseconds, id): opaque to clients, stable while new messages arrive. */
export interface CursorPosition {
  activityUs: string;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.activityUs, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && /^-?\d{1,18}$/.test(value[0]) && isUuid(value[1])) {
      return { activityUs: value[0], id: value[1] };
    }
  } catch {
    /* reported below */
  }
  throw new DomainException('VALIDATION_FAILED', ['cursor is not a cursor this API gave out']);
}
