/**
 * UTC offsets of an IANA time zone, read with Intl (no time-zone database of our own), for the business-time
 * arithmetic: between two offset changes the local wall clock is UTC plus a constant, so a wall-clock interval maps
 * to instants by subtraction, and only the changes themselves (daylight saving) need finding.
 */

const SECOND = 1000;
/**
 * How far apart offsets are probed. A change between two probes is then found by bisection; two changes within one
 * step that cancel out would go unseen, and no zone has had such a pair (they come months apart; even Samoa's skipped
 * day in 2011 was a single change).
 */
const PROBE_STEP = 6 * 3600 * SECOND;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A stretch of time [start, end) (epoch milliseconds) over which the zone's wall clock is UTC + offset (ms). */
export interface OffsetSegment {
  start: number;
  end: number;
  offset: number;
}

/** How far the zone's wall clock is ahead of UTC at an instant (epoch ms), in ms: 3 600 000 for Rome in winter. Throws RangeError for an unknown zone. */
export function zoneOffset(timeZone: string, at: number): number {
  // Intl shows whole seconds; offsets change on whole seconds, so the floored second has the instant's offset.
  const second = Math.floor(at / SECOND) * SECOND;
  const part: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(second)) part[p.type] = p.value;
  const wall = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  wall.setUTCFullYear(Number(part.year), Number(part.month) - 1, Number(part.day));
  wall.setUTCHours(Number(part.hour) % 24, Number(part.minute), Number(part.second), 0);
  return wall.getTime() - second;
}

/** [start, end) cut into stretches of constant offset, in order; empty when end <= start. */
export function offsetSegments(timeZone: string, start: number, end: number): OffsetSegment[] {
  if (!(end > start)) return [];
  const segments: OffsetSegment[] = [];
  let segmentStart = start;
  let offset = zoneOffset(timeZone, start);
  let at = start;
  for (;;) {
    const probe = Math.min(at + PROBE_STEP, end - 1);
    if (probe <= at) break;
    if (zoneOffset(timeZone, probe) === offset) {
      at = probe;
      continue;
    }
    const change = firstChange(timeZone, at, probe, offset);
    segments.push({ start: segmentStart, end: change, offset });
    segmentStart = change;
    offset = zoneOffset(timeZone, change);
    at = change;
  }
  segments.push({ start: segmentStart, end, offset });
  return segments;
}

/** The first whole second after `from` (which has `offset`) at which the offset differs, given that `to` differs. */
function firstChange(timeZone: string, from: number, to: number, offset: number): number {
  let same = Math.floor(from / SECOND);
  let differs = Math.floor(to / SECOND);
  while (differs - same > 1) {
    const mid = Math.floor((same + differs) / 2);
    if (zoneOffset(timeZone, mid * SECOND) === offset) same = mid;
    else differs = mid;
  }
  return differs * SECOND;
}

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
