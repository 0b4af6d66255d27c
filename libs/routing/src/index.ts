export * from './routing.module';
export * from './roles/role';
export * from './roles/role-members';
export * from './roles/roles.service';
export * from './assignment/assignment-rules';
export * from './assignment/assignment.service';
export * from './people/assignable-people';
