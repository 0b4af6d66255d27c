import { DynamicModule, Module } from '@nestjs/common';
import { CommonModule, LoggingModule, ResolvedConfig } from '@app/common';
import { DbModule } from '@app/db';
import { BootstrapService, IdentityModule } from '@app/identity';
import { InboxModule, InboxWorkersModule } from '@app/inbox';
import { RealtimeModule } from '@app/realtime';
import { DeskGateway } from './realtime/desk.gateway';
import { PresenceController } from './realtime/presence.controller';
import { RoutingModule } from '@app/routing';
import { ChannelsController } from './channels/channels.controller';
import { ContactsController } from './contacts/contacts.controller';
import { ConversationsController } from './conversations/conversations.controller';
import { AssignmentController } from './conversations/assignment.controller';
import { RolesController } from './roles/roles.controller';
import { WebhooksController } from './webhooks/webhooks.controller';
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
      imports: [
        CommonModule.forRoot(config),
        LoggingModule.forRoot(config.logLevel),
        DbModule.forRoot(databaseUrl),
        IdentityModule,
        InboxModule,
        RoutingModule,
        RealtimeModule,
        // One desk on one machine runs its workers in-process; several API instances beside apps/worker turn them off.
        ...(config.runWorkers ? [InboxWorkersModule] : []),
      ],
      controllers: [
        HealthController,
        AuthController,
        MeController,
        UsersController,
        WorkspacesController,
        ChannelsController,
        WebhooksController,
        ConversationsController,
        AssignmentController,
        RolesController,
        ContactsController,
        PresenceController,
      ],
      providers: [BootstrapService, DeskGateway],
    };
  }
}
