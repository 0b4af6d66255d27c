import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  validate(req: Request, email: string, password: string): Promise<AuthUser> {
    const workspaceId = typeof req.body?.workspaceId === 'string' ? req.body.workspaceId : undefined;
    return this.auth.verifyCredentials(email, password, req.ip ?? 'unknown', workspaceId);
  }
}
