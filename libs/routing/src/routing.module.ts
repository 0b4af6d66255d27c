import { Module } from '@nestjs/common';
import { AssignmentService } from './assignment/assignment.service';
import { RoleRepository } from './roles/role.repository';
import { RolesService } from './roles/roles.service';

/** The task force: roles, their members, and manual assignment of conversations to roles and people. */
@Module({
  providers: [RoleRepository, RolesService, AssignmentService],
  exports: [RolesService, AssignmentService],
})
export class RoutingModule {}
