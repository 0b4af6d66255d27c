import { BeforeApplicationShutdown, Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/common';
import { InboxModule, WorkLoop, WorkSignals } from '@app/inbox';
import { AssignmentWakeups, type RoleRef } from '../auto-assign/assignment-wakeups';
import { AutoAssignService } from '../auto-assign/auto-assign.service';
import { OfflineReturnService } from '../auto-assign/offline-return.service';
import { EscalationService } from '../escalation/escalation.service';

/** How often every process puts roles with a queue back in line, whatever woke it or did not. */
export const ASSIGNMENT_SWEEP_MS = 15_000;

/** The acceptance-timer query is one cheap index range scan, so a short poll keeps escalations within half a second of due. */
export const ESCALATION_POLL_MS = 500;

/**
 * Automatic assignment's loops, run with the app's workers (RUN_WORKERS, or apps/worker), beside InboxWorkersModule,
 * whose listener turns the database's NOTIFY 'assign:db' into the 'assign' signal:
 * - assignment: claims woken roles and drains each one's queue; woken by the signal, else polls every WORKER_POLL_MS;
 * - sweep: every 15 s, wakes every role with a queue and someone online (crash between claim and pass, working hours
 *   opening, rows that were locked);
 * - offline return: conversations of assignees offline longer than ASSIGNEE_OFFLINE_GRACE_MS go back to the queue;
 * - escalation: conversations whose acceptance timer ran out (see EscalationService); polled every 500 ms, as
 *   nothing signals a timer running out.
 * On shutdown each loop finishes the pass in flight.
 */
@Injectable()
export class RoutingWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('RoutingWorkers');
  private readonly loops: WorkLoop[] = [];
  private unsubscribe?: () => void;

  constructor(
    private readonly assigner: AutoAssignService,
    private readonly wakeups: AssignmentWakeups,
    private readonly offline: OfflineReturnService,
    private readonly escalation: EscalationService,
    private readonly signals: WorkSignals,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const assignment = new WorkLoop('automatic assignment', () => this.assignWoken(), this.config.workerPollMs, this.logger);
    const sweep = new WorkLoop(
      'assignment sweep',
      async () => {
        if ((await this.wakeups.sweep()) > 0) assignment.kick();
        return 0;
      },
      ASSIGNMENT_SWEEP_MS,
      this.logger,
    );
    const offlineMs = Math.max(100, Math.min(5_000, Math.floor(this.config.assigneeOfflineGraceMs / 4)));
    const offline = new WorkLoop('offline return', () => this.offline.tick(), offlineMs, this.logger);
    this.unsubscribe = this.signals.on('assign', () => assignment.kick());
    const escalation = new WorkLoop('escalation', () => this.escalation.tick(), ESCALATION_POLL_MS, this.logger);
    for (const loop of [assignment, sweep, offline, escalation]) {
      this.loops.push(loop);
      loop.start();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    await Promise.all(this.loops.map((loop) => loop.stop()));
  }

  /**
   * One claim of woken roles, each drained in turn. A role whose queue was partly locked by another transaction is
   * put back to be tried at the next poll or wake-up. Answers how many roles made progress or were claimed without
   * contention, so the loop claims again at once while there is work, and rests while only locked rows remain.
   */
  private async assignWoken(): Promise<number> {
    const roles = await this.wakeups.claim();
    const retry: RoleRef[] = [];
    let progressed = 0;
    for (const role of roles) {
      try {
        const result = await this.assigner.drainRole(role.workspaceId, role.roleId);
        if (result.contended) retry.push(role);
        if (result.assigned > 0 || !result.contended) progressed += 1;
      } catch (err) {
        // Not retried at once (a fault that repeats would spin): the sweep wakes the role within ASSIGNMENT_SWEEP_MS.
        this.logger.error(`automatic assignment of role ${role.roleId} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    await this.wakeups.requeue(retry);
    return progressed;
  }
}

@Module({ imports: [InboxModule], providers: [AutoAssignService, AssignmentWakeups, OfflineReturnService, RoutingWorkers] })
export class RoutingWorkersModule {}
