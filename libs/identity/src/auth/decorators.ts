import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Access as AccessLevel } from '../entities/access';
import type { AuthUser } from './auth-user';

export const PUBLIC_KEY = 'desk:public';
export const ACCESS_KEY = 'desk:access';

/** No bearer token needed (sign-in, health, platform webhooks). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these access levels may call the route; admins always may. Without it, any member may. */
export const RequireAccess = (...levels: AccessLevel[]) => SetMetadata(ACCESS_KEY, levels);

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest<{ user: AuthUser }>().user,
);
