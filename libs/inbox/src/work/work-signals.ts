import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

export type WorkKind = 'events' | 'outbox' | 'polls';

/**
 * In-process wake-ups: a webhook stored or a reply queued wakes the local worker at once instead of at its next
 * poll. Only a hint: the rows are the record, and workers in other processes find them by polling.
 */
@Injectable()
export class WorkSignals {
  private readonly emitter = new EventEmitter().setMaxListeners(50);

  notify(kind: WorkKind): void {
    this.emitter.emit(kind);
  }

  on(kind: WorkKind, listener: () => void): () => void {
    this.emitter.on(kind, listener);
    return () => this.emitter.off(kind, listener);
  }
}
