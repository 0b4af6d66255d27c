import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { CONVERSATION_ROUTER } from '@app/inbox';
import { AssignmentService } from './assignment/assignment.service';
import { warmUpClassifier } from './classify';
import { EscalationService } from './escalation/escalation.service';
import { ConversationHistoryService } from './history/conversation-history.service';
import { MapRepository } from './map/map.repository';
import { ResponsibilityMapService } from './map/responsibility-map.service';
import { RoleRepository } from './roles/role.repository';
import { CurrentMaps } from './routing/current-map';
import { MapRouter } from './routing/map-router';
import { MessageRouting } from './routing/message-routing';
import { RolesService } from './roles/roles.service';
import { WorkloadService } from './workload/workload.service';

/**
 * The task force: roles, their members, the responsibility map and assignment. Global because ingestion (in the
 * inbox library, which must not import this one) asks for CONVERSATION_ROUTER.
 */
@Global()
@Module({
  providers: [
    RoleRepository,
    RolesService,
    AssignmentService,
    WorkloadService,
    ConversationHistoryService,
    EscalationService,
    MapRepository,
    CurrentMaps,
    MessageRouting,
    ResponsibilityMapService,
    MapRouter,
    { provide: CONVERSATION_ROUTER, useExisting: MapRouter },
  ],
  exports: [ResponsibilityMapService, RolesService, AssignmentService, WorkloadService, ConversationHistoryService, EscalationService, CONVERSATION_ROUTER],
})
export class RoutingModule implements OnModuleInit {
  /** The classifier's dictionaries load here, at boot, not inside the first message's ingestion transaction. */
  onModuleInit(): void {
    warmUpClassifier();
  }
}
