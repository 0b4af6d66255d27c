import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Transform, Type } from 'class-transformer';
import { trim } from '../boot/transforms';
import { MessageDto } from '../conversations/conversation.dto';

// The policy is checked as a whole by checkReplyPolicy (@app/voice), which names every problem in one answer;
// @Allow only admits the fields past the global whitelist.

class ApprovalTopicDto {
  @ApiProperty({ example: 'Legal', maxLength: 50, description: 'also applies to every reply in a conversation tagged with this name (case-insensitively)' }) name!: string;
  @ApiProperty({ type: [String], example: ['lawyer', 'lawsuit', 'avvocato'] }) terms!: string[];
}

const TERMS_DOC = 'words or phrases, matched as whole words, case- and accent-insensitively; up to 500 of up to 100 characters';

export class ReplyPolicyBodyDto {
  @ApiPropertyOptional({ type: [String], example: ['idiot'], description: `block a public reply (comment, mention): 422 REPLY_BLOCKED; in a private conversation they only warn. ${TERMS_DOC}` })
  @Allow()
  blockTerms?: unknown;

  @ApiPropertyOptional({ type: [String], example: ['guarantee'], description: `the reply is sent and carries the terms found as policyWarnings. ${TERMS_DOC}` })
  @Allow()
  warnTerms?: unknown;

  @ApiPropertyOptional({
    type: [ApprovalTopicDto],
    description: "a reply mentioning one of a topic's terms, or in a conversation tagged with its name, is held until a lead or admin approves it; up to 50 topics",
  })
  @Allow()
  approvalTopics?: unknown;
}

class PolicyEditorDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class ReplyPolicyDto {
  @ApiProperty({ type: [String] }) blockTerms!: string[];
  @ApiProperty({ type: [String] }) warnTerms!: string[];
  @ApiProperty({ type: [ApprovalTopicDto] }) approvalTopics!: ApprovalTopicDto[];
  @ApiProperty({ nullable: true, type: String, description: 'null: never set (everything goes out)' }) updatedAt!: string | null;
  @ApiProperty({ nullable: true, type: PolicyEditorDto }) updatedBy!: PolicyEditorDto | null;
}

export class ReplyCheckDto {
  @ApiProperty({ enum: ['send', 'warn', 'hold', 'block'], description: 'what posting this reply would do, for the signed-in user' }) verdict!: string;
  @ApiProperty({ type: [String], description: 'block terms found (in a private conversation they only warn)' }) blockTerms!: string[];
  @ApiProperty({ type: [String], description: 'warning terms found' }) warnTerms!: string[];
  @ApiProperty({ type: [String], description: 'what the reply would carry as policyWarnings' }) warnings!: string[];
  @ApiProperty({ type: [String], description: 'approval topics that apply (also for a lead or admin, whose replies are not held)' }) topics!: string[];
  @ApiProperty({ type: [String], description: "the topics' terms found" }) topicTerms!: string[];
  @ApiProperty({ nullable: true, type: String, description: 'why it would be held or blocked' }) reason!: string | null;
}

export class RejectReplyDto {
  @ApiPropertyOptional({ maxLength: 1000, description: 'why, for the agent who wrote it' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class HeldRepliesQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

class HeldReplyDto {
  @ApiProperty({ type: MessageDto }) message!: MessageDto;
  @ApiProperty({ format: 'uuid' }) conversationId!: string;
}

export class HeldReplyListDto {
  @ApiProperty({ type: [HeldReplyDto], description: 'oldest first' }) items!: HeldReplyDto[];
}
