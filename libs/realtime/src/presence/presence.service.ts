import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/common';
import { rows } from '@app/db';

export type PresenceStatus = 'online' | 'away' | 'offline';

export interface PresenceChange {
  workspaceId: string;
  userId: string;
  status: PresenceStatus;
  since: string;
}

const HEARTBEAT_MS = 5_000;
/** An instance silent for this long is gone (crashed or cut off): its connections no longer count. */
const INSTANCE_STALE_SECONDS = 20;

interface PresenceRow {
  workspace_id: string;
  user_id: string;
  status: PresenceStatus;
  changed_at: Date;
}

const change = (r: PresenceRow): PresenceChange => ({ workspaceId: r.workspace_id, userId: r.user_id, status: r.status, since: r.changed_at.toISOString() });

/**
 * Presence as data, so the assignment logic in any process can read it: every socket is a row owned by a live
 * server instance; a member is online (or away, by choice) while they have one, and offline once the last one
 * has been gone for the grace period. The sweep that decides it runs in every instance and is safe in parallel.
 */
@Injectable()
export class PresenceService {
  readonly instanceId = randomUUID();
  private readonly logger = new Logger(PresenceService.name);
  private timers: NodeJS.Timeout[] = [];
  private handler: (changes: PresenceChange[]) => void = () => undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onChange(handler: (changes: PresenceChange[]) => void): void {
    this.handler = handler;
  }

  async start(): Promise<void> {
    await this.beat();
    const sweepMs = Math.max(100, Math.min(1_000, Math.floor(this.config.presenceGraceMs / 2)));
    this.timers = [
      setInterval(() => void this.beat().catch((e: Error) => this.logger.warn(`presence heartbeat failed: ${e.message}`)), HEARTBEAT_MS),
      setInterval(() => void this.sweep().catch((e: Error) => this.logger.warn(`presence sweep failed: ${e.message}`)), sweepMs),
    ];
    for (const t of this.timers) t.unref();
  }

  /** Leaves cleanly: this instance's connections go; their members turn offline after the grace period. */
  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await this.db
      .transaction(async (m) => {
        await m.query(
          `UPDATE user_presence p SET last_seen_at = now() FROM presence_connections c
           WHERE c.instance_id = $1 AND c.workspace_id = p.workspace_id AND c.user_id = p.user_id`,
          [this.instanceId],
        );
        await m.query(`DELETE FROM realtime_instances WHERE id = $1`, [this.instanceId]);
      })
      .catch((e: Error) => this.logger.warn(`presence stop failed: ${e.message}`));
  }

  /** A socket connected: the member is present; returns the change if they were offline. */
  async connected(socketId: string, workspaceId: string, userId: string): Promise<PresenceChange | null> {
    try {
      return await this.record(socketId, workspaceId, userId);
    } catch (err) {
      // Our instance row was swept while this process stalled: prove we are alive again and retry once.
      if ((err as { code?: string }).code !== '23503') throw err;
      await this.beat();
      return this.record(socketId, workspaceId, userId);
    }
  }

  private record(socketId: string, workspaceId: string, userId: string): Promise<PresenceChange | null> {
    return this.db.transaction(async (m) => {
      await m.query(`INSERT INTO presence_connections (socket_id, instance_id, workspace_id, user_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
        socketId,
        this.instanceId,
        workspaceId,
        userId,
      ]);
      const [r] = await rows<PresenceRow & { was: PresenceStatus | null }>(
        m,
        `WITH old AS (SELECT status FROM user_presence WHERE workspace_id = $1 AND user_id = $2 FOR UPDATE)
         INSERT INTO user_presence AS p (workspace_id, user_id, status, chosen) VALUES ($1, $2, 'online', 'online')
         ON CONFLICT (workspace_id, user_id) DO UPDATE SET
           status = CASE WHEN p.status = 'offline' THEN 'online' ELSE p.status END,
           chosen = CASE WHEN p.status = 'offline' THEN 'online' ELSE p.chosen END,
           changed_at = CASE WHEN p.status = 'offline' THEN now() ELSE p.changed_at END,
           last_seen_at = now()
         RETURNING workspace_id, user_id, status, changed_at, (SELECT status FROM old) AS was`,
        [workspaceId, userId],
      );
      return r && (r.was === null || r.was === 'offline') ? change(r) : null;
    });
  }

  async disconnected(socketId: string): Promise<void> {
    await this.db.query(
      `WITH gone AS (DELETE FROM presence_connections WHERE socket_id = $1 RETURNING workspace_id, user_id)
       UPDATE user_presence p SET last_seen_at = now() FROM gone WHERE p.workspace_id = gone.workspace_id AND p.user_id = gone.user_id`,
      [socketId],
    );
  }

  /** The member's own choice between online and away, while connected. */
  async set(workspaceId: string, userId: string, status: 'online' | 'away'): Promise<PresenceChange | null> {
    const [r] = await rows<PresenceRow>(
      this.db,
      `UPDATE user_presence SET chosen = $3, status = $3, changed_at = now(), last_seen_at = now()
       WHERE workspace_id = $1 AND user_id = $2 AND status <> $3
       RETURNING workspace_id, user_id, status, changed_at`,
      [workspaceId, userId, status],
    );
    return r ? change(r) : null;
  }

  /** Who is present now, for the desk and for automatic assignment. */
  async list(workspaceId: string): Promise<PresenceChange[]> {
    const found = await rows<PresenceRow>(
      this.db,
      `SELECT workspace_id, user_id, status, changed_at FROM user_presence WHERE workspace_id = $1 ORDER BY user_id`,
      [workspaceId],
    );
    return found.map(change);
  }

  async onlineUserIds(workspaceId: string): Promise<string[]> {
    const found = await rows<{ user_id: string }>(this.db, `SELECT user_id FROM user_presence WHERE workspace_id = $1 AND status = 'online'`, [workspaceId]);
    return found.map((r) => r.user_id);
  }

  /** Members whose last connection closed longer ago than the grace period turn offline; dead instances are cleared. */
  async sweep(): Promise<PresenceChange[]> {
    await this.db.query(`DELETE FROM realtime_instances WHERE heartbeat_at < now() - make_interval(secs => $1)`, [INSTANCE_STALE_SECONDS]);
    const gone = await rows<PresenceRow>(
      this.db,
      `UPDATE user_presence p SET status = 'offline', changed_at = now()
       WHERE p.status <> 'offline' AND p.last_seen_at < now() - make_interval(secs => $1::double precision / 1000)
         AND NOT EXISTS (SELECT 1 FROM presence_connections c WHERE c.workspace_id = p.workspace_id AND c.user_id = p.user_id)
       RETURNING workspace_id, user_id, status, changed_at`,
      [this.config.presenceGraceMs],
    );
    const changes = gone.map(change);
    if (changes.length > 0) this.handler(changes);
    return changes;
  }

  private async beat(): Promise<void> {
    await this.db.query(
      `INSERT INTO realtime_instances (id) VALUES ($1) ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()`,
      [this.instanceId],
    );
  }
}
