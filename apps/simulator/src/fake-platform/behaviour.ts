import { STATUS_CODES } from 'node:http';
import type { Behaviour, FakeResponse, PlatformName, PlatformRouter } from './types';

export type Decision =
  | { kind: 'pass' }
  | { kind: 'fail'; status: number; body?: string }
  | { kind: 'throttle'; retryAfterSeconds: number }
  | { kind: 'permanent'; status: number; message: string };

const PLATFORMS: readonly string[] = ['meta', 'x', 'telegram', 'youtube', 'linkedin', 'postmark', 'api'];
const COUNTS = ['failNext', 'failStatus', 'throttleNext', 'retryAfterSeconds', 'delayMs'] as const;

/** Checks a behaviour that came over HTTP; returns every problem. null removes a key, as undefined does in code. */
export function behaviourProblems(input: unknown): string[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return ['the behaviour must be a JSON object'];
  const problems: string[] = [];
  const known = new Set<string>([...COUNTS, 'failBody', 'permanentError', 'platform', 'method']);
  for (const [key, value] of Object.entries(input)) {
    if (!known.has(key)) problems.push(`${key} is not a behaviour (known: ${[...known].join(', ')})`);
    else if (value === null || value === undefined) continue;
    else if ((COUNTS as readonly string[]).includes(key) && !(Number.isInteger(value) && (value as number) >= 0)) problems.push(`${key} must be a non-negative integer`);
    else if (key === 'failBody' && typeof value !== 'string') problems.push('failBody must be a string');
    else if (key === 'method' && value !== 'GET' && value !== 'POST') problems.push('method must be GET or POST');
    else if (key === 'platform' && ![value].flat().every((p) => PLATFORMS.includes(p as string))) problems.push(`platform must be one or more of ${PLATFORMS.join(', ')}`);
    else if (key === 'permanentError' && !isPermanent(value)) problems.push('permanentError must be {status: 400-599, message: string}');
  }
  return problems;
}

function isPermanent(value: unknown): boolean {
  const v = value as { status?: unknown; message?: unknown };
  return typeof v === 'object' && Number.isInteger(v.status) && (v.status as number) >= 400 && (v.status as number) <= 599 && typeof v.message === 'string';
}

/** The fake's current misbehaviour; counters are consumed by the requests they hit. */
export class BehaviourState {
  private current: Behaviour = {};

  get(): Behaviour {
    return { ...this.current };
  }

  merge(b: Behaviour): void {
    const next: Record<string, unknown> = { ...this.current };
    for (const [key, value] of Object.entries(b)) {
      if (value === null || value === undefined) delete next[key];
      else next[key] = value;
    }
    this.current = next as Behaviour;
  }

  reset(): void {
    this.current = {};
  }

  private applies(platform: PlatformName, method: string): boolean {
    const { platform: only, method: onlyMethod } = this.current;
    if (onlyMethod && onlyMethod !== method) return false;
    return !only || [only].flat().includes(platform);
  }

  delayMs(platform: PlatformName, method: string): number {
    return this.applies(platform, method) ? (this.current.delayMs ?? 0) : 0;
  }

  /** What to do with one request: a permanent error wins, then a throttle, then a failure. */
  decide(platform: PlatformName, method: string): Decision {
    if (!this.applies(platform, method)) return { kind: 'pass' };
    const b = this.current;
    if (b.permanentError) return { kind: 'permanent', ...b.permanentError };
    if (b.throttleNext && b.throttleNext > 0) {
      b.throttleNext--;
      return { kind: 'throttle', retryAfterSeconds: b.retryAfterSeconds ?? 1 };
    }
    if (b.failNext && b.failNext > 0) {
      b.failNext--;
      return { kind: 'fail', status: b.failStatus ?? 500, body: b.failBody };
    }
    return { kind: 'pass' };
  }
}

/** What each platform says on a 429, when its errorBody needs more than the status text. */
const THROTTLE_MESSAGES: Partial<Record<string, string>> = {
  meta: '(#4) Application request limit reached',
  linkedin: 'Resource level throttle limit for calls to this resource is reached.',
  youtube: 'The request cannot be completed because you have exceeded your quota.',
};

/** The answer a failing, throttled or permanently broken platform gives, in its own error shape. */
export function misbehave(router: PlatformRouter, decision: Exclude<Decision, { kind: 'pass' }>): FakeResponse {
  if (decision.kind === 'throttle') {
    const seconds = decision.retryAfterSeconds;
    const body = router.throttleBody?.(seconds) ?? router.errorBody(429, THROTTLE_MESSAGES[router.platform] ?? 'Too Many Requests');
    return { status: 429, body, headers: { 'retry-after': String(seconds), ...router.throttleHeaders?.(seconds) } };
  }
  if (decision.kind === 'permanent') return { status: decision.status, body: router.errorBody(decision.status, decision.message) };
  return { status: decision.status, body: decision.body ?? router.errorBody(decision.status, STATUS_CODES[decision.status] ?? 'Error') };
}
