import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/common';
import { DATABASE_URL, PgListener } from '@app/db';
import { EVENTS_CHANNEL } from '../log/event-log';
import { heads, logBounds, purgeOlderThan, readAfter } from '../log/event-reader';
import type { LoggedEvent } from '../log/event-types';

const PAGE = 500;
const CHUNK = 20;
/** Recent events kept per workspace, so a client finishing its replay joins the live stream without a gap. */
const RING = 2_000;
const SAFETY_POLL_MS = 3_000;
const PURGE_EVERY_MS = 10 * 60_000;

interface Followed {
  head: number;
  ring: LoggedEvent[];
  fetching: boolean;
  again: boolean;
  waiters: Array<{ seq: number; resolve: () => void }>;
}

export type FeedHandler = (workspaceId: string, events: LoggedEvent[]) => void;

/**
 * Follows the committed event log of the workspaces this instance has clients in, strictly in seq order, and
 * hands each batch to the gateway synchronously. Woken by NOTIFY (sent on commit by appendEvents), with a slow
 * poll as a safety net for a dropped LISTEN connection. Any process may write events; every API instance reads.
 */
@Injectable()
export class EventFeed implements OnApplicationShutdown {
  private readonly logger = new Logger(EventFeed.name);
  private readonly followed = new Map<string, Followed>();
  private handler: FeedHandler = () => undefined;
  private listener?: PgListener;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private lastPurge = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(DATABASE_URL) private readonly url: string,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onEvents(handler: FeedHandler): void {
    this.handler = handler;
  }

  async start(): Promise<void> {
    this.listener = new PgListener(
      this.url,
      EVENTS_CHANNEL,
      (payload) => {
        const workspaceId = payload.split(':')[0];
        if (workspaceId && this.followed.has(workspaceId)) void this.pump(workspaceId);
      },
      this.logger,
      // Anything committed while we were not listening.
      () => this.followed.forEach((_, workspaceId) => void this.pump(workspaceId)),
    );
    await this.listener.start();
    this.timer = setInterval(() => void this.safetyPoll(), SAFETY_POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    for (const f of this.followed.values()) for (const w of f.waiters.splice(0)) w.resolve();
    await this.listener?.stop();
  }

  /** Starts following a workspace (from its current head) and returns the seq the feed has delivered up to. */
  async follow(workspaceId: string): Promise<number> {
    const known = this.followed.get(workspaceId);
    if (known) return known.head;
    const { head } = await logBounds(this.db, workspaceId);
    const again = this.followed.get(workspaceId);
    if (again) return again.head;
    this.followed.set(workspaceId, { head, ring: [], fetching: false, again: false, waiters: [] });
    return head;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  head(workspaceId: string): number {
    return this.followed.get(workspaceId)?.head ?? 0;
  }

  /** Events after `seq` up to the head, from memory; null when memory no longer reaches back that far. */
  since(workspaceId: string, seq: number): LoggedEvent[] | null {
    const f = this.followed.get(workspaceId);
    if (!f) return null;
    if (seq >= f.head) return [];
    const first = f.ring[0];
    if (!first || first.seq > seq + 1) return null;
    return f.ring.slice(seq + 1 - first.seq);
  }

  /** Resolves once the feed has delivered `seq` (or is stopping). */
  reach(workspaceId: string, seq: number): Promise<void> {
    const f = this.followed.get(workspaceId);
    if (!f || f.head >= seq || this.stopped) return Promise.resolve();
    const done = new Promise<void>((resolve) => f.waiters.push({ seq, resolve }));
    void this.pump(workspaceId);
    return done;
  }

  private async pump(workspaceId: string): Promise<void> {
    const f = this.followed.get(workspaceId);
    if (!f) return;
    if (f.fetching) {
      f.again = true;
      return;
    }
    f.fetching = true;
    try {
      do {
        f.again = false;
        const events = await readAfter(this.db, workspaceId, f.head, PAGE);
        if (events.length === 0) break;
        for (let i = 0; i < events.length; i += CHUNK) {
          // In chunks, yielding between them, so a burst to many sockets does not hold up requests and workers.
          if (i > 0) await new Promise((resolve) => setImmediate(resolve));
          if (this.stopped) return;
          this.deliver(workspaceId, f, events.slice(i, i + CHUNK));
        }
        if (events.length === PAGE) f.again = true;
      } while (f.again && !this.stopped);
    } catch (err) {
      if (!this.stopped) this.logger.warn(`reading events failed: ${(err as Error).message}`);
    } finally {
      f.fetching = false;
    }
  }

  /** Head, memory and the push move together, synchronously: what `since` and `head` say has been pushed. */
  private deliver(workspaceId: string, f: Followed, events: LoggedEvent[]): void {
    f.head = events[events.length - 1]!.seq;
    f.ring.push(...events);
    if (f.ring.length > RING) f.ring.splice(0, f.ring.length - RING);
    try {
      this.handler(workspaceId, events);
    } catch (err) {
      this.logger.error(`pushing events failed: ${(err as Error).message}`);
    }
    const ready = f.waiters.filter((w) => w.seq <= f.head);
    f.waiters = f.waiters.filter((w) => w.seq > f.head);
    for (const w of ready) w.resolve();
  }

  private async safetyPoll(): Promise<void> {
    try {
      const ids = [...this.followed.keys()];
      if (ids.length > 0) {
        const latest = await heads(this.db, ids);
        for (const [workspaceId, head] of latest) if (head > this.head(workspaceId)) void this.pump(workspaceId);
      }
      if (Date.now() - this.lastPurge > PURGE_EVERY_MS) {
        this.lastPurge = Date.now();
        await purgeOlderThan(this.db, this.config.eventRetentionHours);
      }
    } catch (err) {
      if (!this.stopped) this.logger.warn(`event safety poll failed: ${(err as Error).message}`);
    }
  }
}
