import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainException } from '@app/common';
import { PUBLIC_KEY } from './decorators';

/** Global: every route needs a valid bearer token unless marked @Public(); each failure has its own code. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()]);
    return isPublic ? true : super.canActivate(context);
  }

  override handleRequest<T>(err: unknown, user: T, info: unknown): T {
    if (err) throw err;
    if (user) return user;
    const name = (info as { name?: string } | undefined)?.name;
    const message = (info as { message?: string } | undefined)?.message;
    if (name === 'TokenExpiredError') throw new DomainException('TOKEN_EXPIRED', 'Access token has expired; sign in again');
    if (message === 'No auth token') throw new DomainException('AUTH_REQUIRED', 'Authorization: Bearer <accessToken> is required');
    throw new DomainException('TOKEN_INVALID', 'Access token is invalid');
  }
}
