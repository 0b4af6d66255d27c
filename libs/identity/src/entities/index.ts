import { LoginThrottleEntity } from './login-throttle.entity';
import { MembershipEntity } from './membership.entity';
import { UserEntity } from './user.entity';
import { WorkspaceEntity } from './workspace.entity';

export * from './access';
export { LoginThrottleEntity, MembershipEntity, UserEntity, WorkspaceEntity };
export const IDENTITY_ENTITIES = [WorkspaceEntity, UserEntity, MembershipEntity, LoginThrottleEntity];
