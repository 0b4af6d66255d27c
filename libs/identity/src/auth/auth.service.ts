import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, DomainException, ResolvedConfig } from '@app/common';
import { MembershipRepository } from '../repositories/membership.repository';
import { UserRepository } from '../repositories/user.repository';
import type { Member } from '../repositories/member';
import type { AuthUser, TokenPayload } from './auth-user';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordHasher } from './password-hasher';

export interface SignedIn {
  accessToken: string;
  expiresIn: number;
  user: AuthUser;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly memberships: MembershipRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottleService,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  /** The local strategy's check: one answer for an unknown e-mail and a wrong password, throttled per account and address. */
  async verifyCredentials(email: string, password: string, ip: string, workspaceId?: string): Promise<AuthUser> {
    // Counted as a failure from here until it succeeds, so that concurrent guesses are throttled too.
    await this.throttle.beginAttempt(email, ip);
    const credentials = await this.users.findCredentialsByEmail(email);
    const valid = await this.hasher.verify(credentials?.passwordHash, password);
    if (!credentials || !valid) throw new DomainException('INVALID_CREDENTIALS', 'Invalid e-mail or password');
    await this.throttle.attemptSucceeded(email, ip);
    return this.pickWorkspace(credentials.id, workspaceId);
  }

  sign(user: AuthUser): SignedIn {
    const payload: TokenPayload = { sub: user.id, wid: user.workspaceId };
    return {
      accessToken: this.jwt.sign(payload, { expiresIn: this.config.jwtTtlSeconds }),
      expiresIn: this.config.jwtTtlSeconds,
      user,
    };
  }

  /** Another of the caller's workspaces; a workspace they are not an active member of does not exist for them. */
  async switchWorkspace(user: AuthUser, workspaceId: string): Promise<SignedIn> {
    const member = await this.memberships.findMember(workspaceId, user.id);
    if (!member?.active) throw new DomainException('WORKSPACE_NOT_FOUND', 'Workspace not found');
    return this.sign(toAuthUser(member));
  }

  /**
   * The websocket handshake's check: the same signature, algorithm and expiry rules as the HTTP guard, and the
   * same membership lookup. Answers the member and when the token expires.
   */
  async verifyToken(token: string): Promise<{ user: AuthUser; expiresAt: number }> {
    let payload: TokenPayload & { exp?: number };
    try {
      payload = await this.jwt.verifyAsync<TokenPayload & { exp?: number }>(token, { algorithms: ['HS256'] });
    } catch (err) {
      const expired = (err as Error).name === 'TokenExpiredError';
      throw new DomainException(expired ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID', expired ? 'The token has expired' : 'The token is not valid');
    }
    if (typeof payload.sub !== 'string' || typeof payload.wid !== 'string') throw new DomainException('TOKEN_INVALID', 'The token is not valid');
    return { user: await this.resolveToken(payload), expiresAt: (payload.exp ?? Number.MAX_SAFE_INTEGER / 1000) * 1000 };
  }

  /** Each request re-reads the membership, so a changed access level or a deactivation takes effect at once. */
  async resolveToken(payload: TokenPayload): Promise<AuthUser> {
    const member = await this.memberships.findMember(payload.wid, payload.sub);
    if (!member) throw new DomainException('TOKEN_INVALID', 'Token does not match a member of any workspace');
    if (!member.active) throw new DomainException('MEMBERSHIP_INACTIVE', 'This membership has been deactivated');
    return toAuthUser(member);
  }

  private async pickWorkspace(userId: string, workspaceId?: string): Promise<AuthUser> {
    if (workspaceId) {
      const member = await this.memberships.findMember(workspaceId, userId);
      if (!member) throw new DomainException('NOT_A_MEMBER', 'You are not a member of that workspace');
      if (!member.active) throw new DomainException('MEMBERSHIP_INACTIVE', 'Your membership of that workspace has been deactivated');
      return toAuthUser(member);
    }
    const first = (await this.memberships.listForUser(userId)).find((m) => m.active);
    if (!first) throw new DomainException('MEMBERSHIP_INACTIVE', 'You have no active workspace');
    return toAuthUser((await this.memberships.findMember(first.workspaceId, userId))!);
  }
}

export function toAuthUser(member: Member): AuthUser {
  return { id: member.id, email: member.email, name: member.name, access: member.access, workspaceId: member.workspaceId };
}
