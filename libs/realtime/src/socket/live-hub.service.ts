import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Server, Socket } from 'socket.io';
import { DataSource } from 'typeorm';
import { APP_CONFIG, DomainException, toErrorBody, type AppConfig } from '@app/common';
import { rows } from '@app/db';
import { AuthService } from '@app/identity';
import { EventFeed } from '../feed/event-feed.service';
import { wireBody, type LoggedEvent } from '../log/event-types';
import { PresenceService, type PresenceChange } from '../presence/presence.service';
import { queuedPackets } from './backpressure';
import { parseClientMessage, type ClientMessage } from './client-messages';
import { coalesceWrites } from './coalesce-writes';
import { catchUp } from './replay';
import { Gate } from './gate';
import { eventRooms, rooms } from './rooms';
import { userKey, type Session, type SocketData } from './session';
import { TokenBucket } from './token-bucket';
import { Viewers } from './viewers';

/** Whether a member may read a conversation; supplied by the app, which knows the inbox's read scope. */
export type ConversationAccess = (user: Session['user'], conversationId: string) => Promise<boolean>;

const RATE = { burst: 20, perSecond: 10, maxOverdraft: 100 };
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Handshakes and connection starts doing database work at once; well under the pool's 20 connections. */
const SETUP_CONCURRENCY = 6;

/**
 * The live desk on one server instance: authenticates sockets, brings each one from its lastSeq to the live
 * stream, pushes committed events to rooms, and handles presence and who is viewing or typing.
 */
@Injectable()
export class LiveHub implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveHub.name);
  private server?: Server;
  private readonly sessions = new Map<string, Session>();
  private readonly byUser = new Map<string, Set<Session>>();
  private canRead: ConversationAccess = async () => false;
  private viewers?: Viewers;
  private readonly setup = new Gate(SETUP_CONCURRENCY);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly auth: AuthService,
    private readonly feed: EventFeed,
    private readonly presence: PresenceService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Called once the socket.io server exists (before migrations run): installs the handshake check. */
  attach(server: Server, canRead: ConversationAccess): void {
    this.server = server;
    this.canRead = canRead;
    this.viewers = new Viewers(server);
    coalesceWrites(server);
    server.use((socket, next) => {
      // A client that gave up while queued is not worth a token check.
      this.setup.run(async () => (socket.conn.readyState === 'open' ? this.authenticate(socket) : Promise.reject(new Error('the client left while queued')))).then(
        () => next(),
        (err: unknown) => next(handshakeError(err)),
      );
    });
    this.feed.onEvents((workspaceId, events) => this.push(workspaceId, events));
    this.presence.onChange((changes) => this.announce(changes));
  }

  /** After migrations: follow the log and keep presence. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.server) return;
    await this.feed.start();
    await this.presence.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const s of this.sessions.values()) for (const t of s.timers) clearTimeout(t);
    await this.presence.stop();
  }

  private async authenticate(socket: Socket): Promise<void> {
    const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
    const header = socket.handshake.headers.authorization;
    const token = typeof auth.token === 'string' ? auth.token : typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) throw new DomainException('TOKEN_MISSING', 'A token is required: connect with auth: {token}');
    const lastSeq = auth.lastSeq === undefined || auth.lastSeq === null ? undefined : Number(auth.lastSeq);
    if (lastSeq !== undefined && !(Number.isSafeInteger(lastSeq) && lastSeq >= 0)) {
      throw new DomainException('VALIDATION_FAILED', ['lastSeq must be a non-negative integer']);
    }
    const { user, expiresAt } = await this.auth.verifyToken(token);
    const data: SocketData = { user, expiresAt, lastSeq, typingUntil: {} };
    socket.data = data;
  }

  /** A socket passed the handshake: register it, mark presence, replay, then go live. */
  async connected(socket: Socket): Promise<void> {
    const data = socket.data as SocketData;
    const user = data.user;
    const session: Session = {
      socket,
      user,
      viewer: { userId: user.id, all: user.access !== 'agent', roleIds: new Set() },
      live: false,
      pending: [],
      viewed: new Set(),
      bucket: new TokenBucket(RATE.burst, RATE.perSecond, RATE.maxOverdraft, Date.now()),
      timers: new Set(),
    };
    this.sessions.set(socket.id, session);
    const key = userKey(user.workspaceId, user.id);
    if (!this.byUser.has(key)) this.byUser.set(key, new Set());
    this.byUser.get(key)!.add(session);
    socket.join(rooms.workspace(user.workspaceId));
    socket.onAny((event: string, ...args: unknown[]) => void this.onClientMessage(session, event, args));
    this.expireAt(session, data.expiresAt);
    try {
      // The replay is paced by the client, so a slow one must not hold a place in the gate.
      if (!(await this.setup.run(() => this.start(session, data)))) return;
      const liveFrom = await catchUp(this.db, this.feed, session, data.lastSeq, (s) => this.goLive(s));
      if (liveFrom !== null) socket.emit('replay.done', { seq: liveFrom });
    } catch (err) {
      const body = toErrorBody(err);
      if (body.statusCode < 500) {
        socket.emit('desk.error', { code: body.code, message: body.message });
        socket.disconnect(true);
        return;
      }
      this.logger.warn(`connection ${socket.id} could not start: ${(err as Error).message}`);
      socket.emit('desk.error', { code: 'SERVICE_UNAVAILABLE', message: 'The live desk could not start this connection; reconnect shortly' });
      socket.disconnect(true);
    }
  }

  /** Loads what the connection may see and records its presence; answers whether it is still there to replay to. */
  private async start(session: Session, data: SocketData): Promise<boolean> {
    const { socket, user } = session;
    if (!socket.connected) return false;
    // The feed's head first, then access and roles: a change is then either in what we load or after the head,
    // and changes after the head that arrive while we load are applied again on top of it.
    await this.feed.follow(user.workspaceId);
    const fresh = await this.auth.resolveToken({ sub: user.id, wid: user.workspaceId });
    const roleIds = await rows<{ role_id: string }>(this.db, `SELECT role_id FROM role_members WHERE workspace_id = $1 AND user_id = $2`, [
      user.workspaceId,
      user.id,
    ]);
    session.user = data.user = fresh;
    session.viewer.all = fresh.access !== 'agent';
    for (const r of roleIds) session.viewer.roleIds.add(r.role_id);
    const pending = session.pending ?? [];
    session.pending = null;
    for (const e of pending) this.followChange(session, e);
    if (!socket.connected) return false;
    const change = await this.presence.connected(socket.id, user.workspaceId, user.id);
    if (!socket.connected) {
      // Gone while we recorded it: its disconnect found no row to remove, so remove it here.
      await this.presence.disconnected(socket.id);
      return false;
    }
    if (change) this.announce([change]);
    return true;
  }

  async disconnected(socket: Socket): Promise<void> {
    const session = this.sessions.get(socket.id);
    if (!session) return;
    this.sessions.delete(socket.id);
    for (const t of session.timers) clearTimeout(t);
    const key = userKey(session.user.workspaceId, session.user.id);
    this.byUser.get(key)?.delete(session);
    if (this.byUser.get(key)?.size === 0) this.byUser.delete(key);
    await this.viewers?.left(session).catch(() => undefined);
    await this.presence.disconnected(socket.id).catch((e: Error) => this.logger.warn(`presence on disconnect failed: ${e.message}`));
  }

  private goLive(session: Session): void {
    const { socket, user, viewer } = session;
    socket.join([
      rooms.user(user.workspaceId, user.id),
      ...(viewer.all ? [rooms.all(user.workspaceId)] : [...viewer.roleIds].map(rooms.role)),
    ]);
    session.live = true;
  }

  /** A batch of committed events, in seq order, to the rooms of this instance's clients. */
  private push(workspaceId: string, events: LoggedEvent[]): void {
    const server = this.server;
    if (!server) return;
    for (const e of events) {
      if (e.type === 'role.members.updated' || e.type === 'member.updated') {
        for (const userId of e.userIds) for (const s of [...(this.byUser.get(userKey(workspaceId, userId)) ?? [])]) this.followChange(s, e);
      }
      server.local.to(eventRooms(workspaceId, e.roleIds, e.userIds)).emit(e.type, wireBody(e));
    }
    for (const s of this.sessions.values()) {
      if (s.user.workspaceId === workspaceId && queuedPackets(s.socket) > this.config.socketMaxQueuedPackets) {
        this.logger.warn(`connection ${s.socket.id} is not keeping up: disconnected, it will replay from its lastSeq`);
        s.socket.disconnect(true);
      }
    }
  }

  /**
   * A change of what a member may see, applied to one of their connections before the event itself is pushed: a
   * role joined or left moves it between role rooms; a new access level between the full-access room and its role
   * rooms; a deactivation closes it. While the connection is still loading, the change waits and is applied after.
   */
  private followChange(s: Session, e: LoggedEvent): void {
    if (s.pending) return void s.pending.push(e);
    if (e.type === 'role.members.updated') {
      const members = new Set(((e.payload.members as Array<{ userId: string }>) ?? []).map((m) => m.userId));
      return this.applyRole(s, e.payload.roleId as string, members.has(s.user.id));
    }
    const { access, active } = e.payload as { access: Session['user']['access']; active: boolean };
    if (!active) {
      s.socket.emit('desk.error', { code: 'MEMBERSHIP_INACTIVE', message: 'This membership has been deactivated' });
      s.socket.disconnect(true);
      return;
    }
    s.user = (s.socket.data as SocketData).user = { ...s.user, access };
    const all = access !== 'agent';
    if (all === s.viewer.all) return;
    s.viewer.all = all;
    if (!s.live) return;
    const roleRooms = [...s.viewer.roleIds].map(rooms.role);
    if (all) {
      s.socket.join(rooms.all(s.user.workspaceId));
      for (const r of roleRooms) s.socket.leave(r);
    } else {
      s.socket.leave(rooms.all(s.user.workspaceId));
      s.socket.join(roleRooms);
    }
  }

  private applyRole(s: Session, roleId: string, member: boolean): void {
    if (member) s.viewer.roleIds.add(roleId);
    else s.viewer.roleIds.delete(roleId);
    if (!s.live || s.viewer.all) return;
    if (member) s.socket.join(rooms.role(roleId));
    else s.socket.leave(rooms.role(roleId));
  }

  private announce(changes: PresenceChange[]): void {
    for (const c of changes) this.server?.to(rooms.workspace(c.workspaceId)).emit('presence.updated', c);
  }

  private async onClientMessage(session: Session, event: string, args: unknown[]): Promise<void> {
    const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (answer: unknown) => void) : undefined;
    const answer = (result: { ok: true } | { ok: false; code: string; message: string | string[] }) => {
      if (ack) ack(result);
      else if (!result.ok) session.socket.emit('desk.error', { event: event.slice(0, 60), code: result.code, message: result.message });
    };
    const budget = session.bucket.take(Date.now());
    if (budget === 'abusive') {
      session.socket.emit('desk.error', { event: event.slice(0, 60), code: 'RATE_LIMITED', message: 'Too many messages: disconnected' });
      session.socket.disconnect(true);
      return;
    }
    if (budget === 'limited') return answer({ ok: false, code: 'RATE_LIMITED', message: 'Too many messages: slow down' });
    const parsed = parseClientMessage(event, args[0]);
    if (!parsed.ok) return answer({ ok: false, code: 'VALIDATION_FAILED', message: parsed.problems });
    try {
      await this.handle(session, parsed.message);
      answer({ ok: true });
    } catch (err) {
      const body = toErrorBody(err);
      if (body.statusCode >= 500) this.logger.error(`client message ${event} failed: ${(err as Error).message}`);
      answer({ ok: false, code: body.code, message: body.message });
    }
  }

  private async handle(session: Session, m: ClientMessage): Promise<void> {
    const { user } = session;
    if (m.event === 'presence.set') {
      const change = await this.presence.set(user.workspaceId, user.id, m.status);
      if (change) this.announce([change]);
      return;
    }
    if (m.event === 'conversation.leave') return this.viewers!.leave(session, m.conversationId);
    if (!this.viewers!.isViewing(session, m.conversationId)) {
      if (m.event === 'conversation.typing' || !(await this.canRead(user, m.conversationId))) {
        throw new DomainException('CONVERSATION_NOT_FOUND', m.event === 'conversation.typing' ? 'View the conversation before typing in it' : 'Conversation not found');
      }
      return this.viewers!.view(session, m.conversationId);
    }
    if (m.event === 'conversation.typing') return this.viewers!.typing(session, m.conversationId);
  }

  private expireAt(session: Session, expiresAt: number): void {
    const timer = setTimeout(() => {
      session.socket.emit('desk.error', { code: 'TOKEN_EXPIRED', message: 'The token has expired: sign in again' });
      session.socket.disconnect(true);
    }, Math.min(MAX_TIMER_MS, Math.max(0, expiresAt - Date.now())));
    timer.unref();
    session.timers.add(timer);
  }
}

/** A refused handshake: the client's connect_error carries the message and `data.code`. */
function handshakeError(err: unknown): Error {
  const body = toErrorBody(err);
  const unavailable = body.statusCode >= 500;
  const message = unavailable ? 'The desk cannot check tokens right now' : Array.isArray(body.message) ? body.message.join('; ') : body.message;
  return Object.assign(new Error(message), { data: { code: unavailable ? 'SERVICE_UNAVAILABLE' : body.code } });
}
