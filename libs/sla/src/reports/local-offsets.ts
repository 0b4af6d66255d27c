// The workspace's wall clock, from the calendar's zone offsets (read with Intl: the same source for parsing a
// report's bounds, for bucketing its outcomes and for business time). Only relative imports, so
// bench/sla-report.mjs compiles it with that one file.
import { offsetSegments as zoneSegments, zoneOffset } from '../calendar/zone-offsets';

const DAY_MS = 86_400_000;

/** The wall-clock reading of an instant in a zone, as epoch ms of that reading taken as UTC ("wall ms"). */
export function wallMs(timeZone: string, at: number): number {
  return at + zoneOffset(timeZone, at);
}

/**
 * The first instant whose wall clock in the zone reads `wall` (wall ms). Offsets change at most once in the two
 * days around it, so the offsets a day before and a day after are the only candidates. When the wall time is
 * repeated (autumn), the earlier instant; when it is skipped (spring, in zones that change at midnight, such as
 * America/Santiago), the instant of the change, i.e. the first one after the skipped reading.
 */
export function instantOfWall(timeZone: string, wall: number): Date {
  const candidates = [wall - zoneOffset(timeZone, wall - DAY_MS), wall - zoneOffset(timeZone, wall + DAY_MS)];
  const valid = candidates.filter((t) => wallMs(timeZone, t) === wall);
  if (valid.length > 0) return new Date(Math.min(...valid));
  // Skipped: the change lies between the two readings; find its second (offsets change on whole seconds).
  let [lo, hi] = [Math.min(...candidates), Math.max(...candidates)];
  while (hi - lo > 1000) {
    const mid = lo + Math.ceil((hi - lo) / 2000) * 1000; // always strictly between lo and hi
    if (wallMs(timeZone, mid) < wall) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}

/** A stretch of time from `from` (inclusive) to the next segment's `from` over which the zone is `offsetSeconds` ahead of UTC. */
export interface OffsetSegment {
  from: Date;
  offsetSeconds: number;
}

/** [from, to) cut where the zone's UTC offset changes, in order (one segment when it never does). */
export function offsetSegments(timeZone: string, from: Date, to: Date): OffsetSegment[] {
  const segments = zoneSegments(timeZone, from.getTime(), to.getTime());
  if (segments.length === 0) return [{ from, offsetSeconds: zoneOffset(timeZone, from.getTime()) / 1000 }];
  return segments.map((segment) => ({ from: new Date(segment.start), offsetSeconds: segment.offset / 1000 }));
}
