import { Module } from '@nestjs/common';
import { CannedResponseRepository } from './canned/canned-response.repository';
import { CannedResponsesService } from './canned/canned-responses.service';
import { ReplyPolicyRepository } from './policy/reply-policy.repository';
import { ReplyPolicyService } from './policy/reply-policy.service';

/**
 * One voice: canned responses per workspace and role, and the reply policy that holds or blocks replies. The
 * policy is enforced where replies are written (the inbox library), which reads it with readReplyPolicy and judges
 * with evaluateReply: plain functions, so the inbox needs nothing from this module's providers.
 */
@Module({
  providers: [CannedResponseRepository, CannedResponsesService, ReplyPolicyRepository, ReplyPolicyService],
  exports: [CannedResponsesService, ReplyPolicyService],
})
export class VoiceModule {}
