import { Global, Module } from '@nestjs/common';
import { CONVERSATION_ROUTER, NO_ROUTING } from '@app/inbox';
import { AssignmentService } from './assignment/assignment.service';
import { RoleRepository } from './roles/role.repository';
import { RolesService } from './roles/roles.service';

/**
 * The task force: roles, their members, the responsibility map and assignment. Global because ingestion (in the
 * inbox library, which must not import this one) asks for CONVERSATION_ROUTER.
 */
@Global()
@Module({
  providers: [RoleRepository, RolesService, AssignmentService, { provide: CONVERSATION_ROUTER, useValue: NO_ROUTING }],
  exports: [RolesService, AssignmentService, CONVERSATION_ROUTER],
})
export class RoutingModule {}
