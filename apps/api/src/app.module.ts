import { DynamicModule, Module } from '@nestjs/common';
import { Clock, CommonModule, LoggingModule, ResolvedConfig } from '@app/common';
import { DbModule } from '@app/db';
import { BootstrapService, IdentityModule } from '@app/identity';
import { InboxModule, InboxWorkersModule } from '@app/inbox';
import { RealtimeModule } from '@app/realtime';
import { DeskGateway } from './realtime/desk.gateway';
import { PresenceController } from './realtime/presence.controller';
import { RoutingModule, RoutingWorkersModule } from '@app/routing';
import { ChannelsController } from './channels/channels.controller';
import { ContactsController } from './contacts/contacts.controller';
import { ConversationsController } from './conversations/conversations.controller';
import { AssignmentController } from './conversations/assignment.controller';
import { HistoryController } from './conversations/history.controller';
import { RolesController } from './roles/roles.controller';
import { ResponsibilityMapController } from './routing/responsibility-map.controller';
import { WorkloadController } from './workload/workload.controller';
import { WebhooksController } from './webhooks/webhooks.controller';
import { AuthController } from './auth/auth.controller';
import { HealthController } from './health/health.controller';
import { MeController } from './me/me.controller';
import { UsersController } from './users/users.controller';
import { WorkspacesController } from './workspaces/workspaces.controller';
import { SlaModule, SlaWorkersModule } from '@app/sla';
import { VoiceModule } from '@app/voice';
import { BusinessHoursController } from './sla/business-hours.controller';
import { SlaReportsController } from './sla/sla-reports.controller';
import { SentimentReportController } from './sla/sentiment-report.controller';
import { SlaPoliciesController } from './sla/sla-policies.controller';
import { WorkspaceSettingsController } from './workspaces/workspace-settings.controller';
import { SlaBoardController } from './sla/sla-board.controller';
import { CannedResponsesController } from './voice/canned-responses.controller';
import { HeldRepliesController } from './voice/held-replies.controller';
import { ReplyPolicyController } from './voice/reply-policy.controller';

@Module({})
export class AppModule {
  static forRoot(config: ResolvedConfig, databaseUrl: string, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CommonModule.forRoot(config, clock),
        LoggingModule.forRoot(config.logLevel),
        DbModule.forRoot(databaseUrl),
        IdentityModule,
        InboxModule,
        RoutingModule,
        RealtimeModule,
        SlaModule,
        VoiceModule,
        // One desk on one machine runs its workers in-process; several API instances beside apps/worker turn them off.
        ...(config.runWorkers ? [InboxWorkersModule, RoutingWorkersModule, SlaWorkersModule] : []),
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
        HistoryController,
        RolesController,
        ResponsibilityMapController,
        WorkloadController,
        ContactsController,
        PresenceController,
        BusinessHoursController,
        SlaReportsController,
        SentimentReportController,
        SlaPoliciesController,
        WorkspaceSettingsController,
        SlaBoardController,
        CannedResponsesController,
        ReplyPolicyController,
        HeldRepliesController,
      ],
      providers: [BootstrapService, DeskGateway],
    };
  }
}
