import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { DataSource } from 'typeorm';

/**
 * `assign` is also sent by the database itself (see the Routing migration's triggers) when a role's queue may move;
 * `sla` only by the database (the Sla migration's trigger), when an SLA deadline is set, at the commit that sets it.
 */
export type WorkKind = 'events' | 'outbox' | 'polls' | 'assign' | 'sla';
const KINDS: readonly WorkKind[] = ['events', 'outbox', 'polls', 'assign', 'sla'];

/** The PostgreSQL channel that carries wake-ups to workers in other processes. */
export const WORK_CHANNEL = 'desk_work';

/**
 * Wake-ups: a webhook stored or a reply queued wakes the workers at once instead of at their next poll, in this
 * process directly and in others through NOTIFY. Only a hint: the rows are the record, and a missed wake-up
 * costs at most one poll interval.
 */
@Injectable()
export class WorkSignals {
  private readonly emitter = new EventEmitter().setMaxListeners(50);
  /** Tags our own NOTIFYs: this process was woken directly and need not be woken twice. */
  private readonly origin = randomUUID();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  notify(kind: WorkKind): void {
    this.emitter.emit(kind);
    void this.db.query(`SELECT pg_notify($1, $2)`, [WORK_CHANNEL, `${kind}:${this.origin}`]).catch(() => undefined);
  }

  /** A wake-up that came from another process. */
  received(payload: string): void {
    const [kind, origin] = payload.split(':');
    if (origin !== this.origin && (KINDS as readonly string[]).includes(kind ?? '')) this.emitter.emit(kind!);
  }

  on(kind: WorkKind, listener: () => void): () => void {
    this.emitter.on(kind, listener);
    return () => this.emitter.off(kind, listener);
  }
}
