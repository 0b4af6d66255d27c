import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ChangeSet } from '@app/inbox';

/** TIMERS HELPER OWNS THIS FILE. */
@Injectable()
export class BreachEscalation {
  /**
   * Called by SlaEngine.fireDue inside its transaction (the conversation row is locked) when a breach fires under a
   * policy whose breach_action is 'escalate': moves the conversation to its role's escalation role (records history,
   * conversation.assigned with escalated: true). Returns whether it moved.
   */
  async escalate(_m: EntityManager, _workspaceId: string, _conversationId: string, _changes: ChangeSet): Promise<boolean> {
    return false;
  }
}
