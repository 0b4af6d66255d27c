import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainException } from '@app/common';
import type { Access } from '../entities/access';
import type { AuthUser } from './auth-user';
import { ACCESS_KEY } from './decorators';

/** Runs after JwtAuthGuard: checks the caller's access level against the route's @RequireAccess(). */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const allowed = this.reflector.getAllAndOverride<Access[] | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (!allowed) return true;
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (user && (user.access === 'admin' || allowed.includes(user.access))) return true;
    throw new DomainException('ACCESS_DENIED', `This needs access ${['admin', ...allowed.filter((a) => a !== 'admin')].join(' or ')}`);
  }
}
