// The workspace's wall clock, read with Intl (no time-zone database of our own, and the same one for parsing a
// report's bounds and for bucketing its outcomes). Free of imports so bench/sla-report.mjs can compile it alone.

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall-clock reading of an instant in a zone, as epoch ms of that reading taken as UTC ("wall ms"). */
export function wallMs(timeZone: string, at: number): number {
  const part: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) part[p.type] = p.value;
  const wall = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  wall.setUTCFullYear(Number(part.year), Number(part.month) - 1, Number(part.day));
  wall.setUTCHours(Number(part.hour) % 24, Number(part.minute), Number(part.second), new Date(at).getUTCMilliseconds());
  return wall.getTime();
}

/**
 * The first instant whose wall clock in the zone reads `wall` (wall ms). Offsets change at most once in the two
 * days around it, so the offsets a day before and a day after are the only candidates. When the wall time is
 * repeated (autumn), the earlier instant; when it is skipped (spring, in zones that change at midnight, such as
 * America/Santiago), the instant of the change, i.e. the first one after the skipped reading.
 */
export function instantOfWall(timeZone: string, wall: number): Date {
  const candidates = [wall - offsetAt(timeZone, wall - DAY_MS), wall - offsetAt(timeZone, wall + DAY_MS)];
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

function offsetAt(timeZone: string, at: number): number {
  const second = Math.floor(at / 1000) * 1000;
  return wallMs(timeZone, second) - second;
}


/** A stretch of time from `from` (inclusive) to the next segment's `from` over which the zone is `offsetSeconds` ahead of UTC. */
export interface OffsetSegment {
  from: Date;
  offsetSeconds: number;
}

/**
 * [from, to) cut where the zone's UTC offset changes, in order (one segment when it never does). Offsets are
 * probed every 6 hours and a change is then found to the second by bisection: no zone has changed offset twice
 * within 6 hours.
 */
export function offsetSegments(timeZone: string, from: Date, to: Date): OffsetSegment[] {
  const end = to.getTime();
  let at = from.getTime();
  let offset = offsetAt(timeZone, at);
  const segments: OffsetSegment[] = [{ from, offsetSeconds: offset / 1000 }];
  while (at < end) {
    const probe = Math.min(at + 6 * 3600 * 1000, end);
    if (offsetAt(timeZone, probe) !== offset) {
      let [lo, hi] = [at, probe]; // offset(lo) is the old one, offset(hi) not
      while (hi - lo > 1000) {
        const mid = lo + Math.ceil((hi - lo) / 2000) * 1000;
        if (offsetAt(timeZone, mid) === offset) lo = mid;
        else hi = mid;
      }
      // Offsets change on whole seconds, and lo < change <= hi <= lo + 1 s: the change is hi's second.
      const change = Math.floor(hi / 1000) * 1000;
      offset = offsetAt(timeZone, change);
      if (change < end) segments.push({ from: new Date(change), offsetSeconds: offset / 1000 });
      at = change;
    } else at = probe;
  }
  return segments;
}
