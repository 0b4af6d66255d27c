import { DynamicModule, Module } from '@nestjs/common';
import { CommonModule, LoggingModule, ResolvedConfig } from '@app/common';
import { DbModule } from '@app/db';
import { BootstrapService, IdentityModule } from '@app/identity';
import { AuthController } from './auth/auth.controller';
import { HealthController } from './health/health.controller';
import { MeController } from './me/me.controller';
import { UsersController } from './users/users.controller';
import { WorkspacesController } from './workspaces/workspaces.controller';

@Module({})
export class AppModule {
  static forRoot(config: ResolvedConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [CommonModule.forRoot(config), LoggingModule.forRoot(config.logLevel), DbModule.forRoot(databaseUrl), IdentityModule],
      controllers: [HealthController, AuthController, MeController, UsersController, WorkspacesController],
      providers: [BootstrapService],
    };
  }
}
