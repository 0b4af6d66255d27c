import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, ResolvedConfig } from '@app/common';
import { AccessGuard } from './auth/access.guard';
import { AuthService } from './auth/auth.service';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { JwtStrategy } from './auth/jwt.strategy';
import { LocalStrategy } from './auth/local.strategy';
import { LoginThrottleService } from './auth/login-throttle.service';
import { PasswordHasher } from './auth/password-hasher';
import { IDENTITY_ENTITIES } from './entities';
import { MembershipRepository } from './repositories/membership.repository';
import { UserRepository } from './repositories/user.repository';
import { WorkspaceRepository } from './repositories/workspace.repository';
import { UsersService } from './users/users.service';
import { WorkspacesService } from './workspaces/workspaces.service';

/** Workspaces, people, memberships and sign-in; installs the global JWT and access guards. */
@Module({
  imports: [
    TypeOrmModule.forFeature(IDENTITY_ENTITIES),
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: ResolvedConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  providers: [
    PasswordHasher,
    LoginThrottleService,
    AuthService,
    LocalStrategy,
    JwtStrategy,
    UserRepository,
    MembershipRepository,
    WorkspaceRepository,
    UsersService,
    WorkspacesService,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService, UsersService, WorkspacesService, MembershipRepository, WorkspaceRepository, UserRepository, PasswordHasher],
})
export class IdentityModule {}
