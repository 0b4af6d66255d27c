import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { CHANNEL_TYPES } from '@app/channels';
import { trim } from '../boot/transforms';
import { ReplyHoldDto } from '../voice/reply-hold.dto';

const STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;
const KINDS = ['comment', 'mention', 'message'] as const;
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const MAX_TEXT = 10_000;

export class ListConversationsQuery {
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() roleId?: string;
  @ApiPropertyOptional({ description: 'a user id, `me`, or `none` for unassigned' })
  @IsOptional()
  @Matches(/^(me|none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: 'assigneeId must be a UUID, me or none' })
  assigneeId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() channelId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() contactId?: string;
  @ApiPropertyOptional({ enum: KINDS }) @IsOptional() @IsIn(KINDS) kind?: string;
  @ApiPropertyOptional({ enum: PRIORITIES }) @IsOptional() @IsIn(PRIORITIES) priority?: string;
  @ApiPropertyOptional({ enum: ['at_risk', 'breached'] }) @IsOptional() @IsIn(['at_risk', 'breached']) sla?: 'at_risk' | 'breached';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) tag?: string;
  @ApiPropertyOptional({ description: 'full-text search of message text (English and Italian stemming) and contact names' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 25 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export class TextDto {
  @ApiProperty({ maxLength: MAX_TEXT })
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' && value.trim() === '' ? '' : value))
  @MinLength(1, { message: 'text must not be empty' })
  @MaxLength(MAX_TEXT)
  text!: string;
}

export class StatusDto {
  @ApiProperty({ enum: STATUSES }) @IsIn(STATUSES) status!: (typeof STATUSES)[number];
  @ApiPropertyOptional({ description: 'required with status snoozed: when it opens again' })
  @ValidateIf((o: StatusDto) => o.status === 'snoozed' || o.snoozeUntil !== undefined)
  @IsISO8601({ strict: true }, { message: 'snoozeUntil must be an ISO 8601 time (required when snoozing)' })
  snoozeUntil?: string;
}

export class PriorityDto {
  @ApiProperty({ enum: PRIORITIES }) @IsIn(PRIORITIES) priority!: 'low' | 'normal' | 'high' | 'urgent';
}

export class TagsDto {
  @ApiProperty({ type: [String], description: 'the whole set; lower-cased, duplicates dropped' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Transform(({ value }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value))
  @MaxLength(50, { each: true })
  tags!: string[];
}

class ContactRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty({ nullable: true, type: String }) username!: string | null;
  @ApiProperty({ nullable: true, type: Number }) followers!: number | null;
  @ApiProperty({ enum: ['none', 'low', 'medium', 'high', 'very_high'], description: 'from followers: none (unknown or 0), low (< 1k), medium (< 10k), high (< 100k), very_high' })
  influence!: string;
}

class SlaDto {
  @ApiProperty({ nullable: true, type: String }) policyId!: string | null;
  @ApiProperty({ nullable: true, type: String }) firstResponseDueAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) nextResponseDueAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) resolutionDueAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) firstRespondedAt!: string | null;
  @ApiProperty({ enum: ['none', 'ok', 'warning', 'breached', 'met'] }) state!: string;
}

class RoutingDto {
  @ApiProperty({ nullable: true, type: Number, description: 'the responsibility map version that routed it' }) mapVersion!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'the name of the rule that decided; null: the default role' }) rule!: string | null;
}

class ConversationContextDto {
  @ApiProperty({ nullable: true, type: String, description: "the platform's public link to the post, page or video (http or https only)" }) url!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'its title, where the platform or the integration gave one' }) title!: string | null;
}

export class ConversationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) channelId!: string;
  @ApiProperty({ enum: CHANNEL_TYPES }) channelType!: string;
  @ApiProperty({ enum: KINDS }) kind!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String }) snoozedUntil!: string | null;
  @ApiProperty({ enum: PRIORITIES }) priority!: string;
  @ApiProperty({ nullable: true, type: String }) roleId!: string | null;
  @ApiProperty({ nullable: true, type: String }) assigneeId!: string | null;
  @ApiProperty({ type: ContactRefDto, nullable: true }) contact!: ContactRefDto | null;
  @ApiProperty({ nullable: true, type: String }) language!: string | null;
  @ApiProperty({ nullable: true, type: String }) sentiment!: string | null;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ nullable: true, type: String }) subject!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    maxLength: 140,
    description:
      "the first line of the customer's latest message (by the platform's time; deleted ones skipped), trimmed and cut to 140 characters " +
      'with an ellipsis; follows edits and deletes of that message, never replies or notes. null: no customer message yet, or the latest has no text',
  })
  preview!: string | null;
  @ApiProperty({
    type: ConversationContextDto,
    nullable: true,
    description:
      'what the conversation is about: the post, page or video the comment was made on (the generic event\'s `context`; the platform\'s ' +
      'permalink otherwise), from the event that started it or the first that carried one. null: the platform said nothing (direct messages, e-mail)',
  })
  context!: ConversationContextDto | null;
  @ApiProperty() lastMessageAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'since when the customer waits for an answer' }) waitingSince!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ description: 'grows with every change of status, priority, role, assignee, tags or snooze; send it as If-Match to edit safely' })
  version!: number;
  @ApiProperty({ type: RoutingDto }) routing!: RoutingDto;
  @ApiProperty({ nullable: true, type: String, description: 'when the current assignee got it' }) assignedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: "when it escalates unless someone replies (the role's acceptanceSeconds)" })
  acceptDueAt!: string | null;
  @ApiProperty({ type: SlaDto }) sla!: SlaDto;
}

export class ConversationListDto {
  @ApiProperty({ type: [ConversationDto] }) items!: ConversationDto[];
  @ApiProperty({ nullable: true, type: String, description: 'pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

class MessageAuthorDto {
  @ApiProperty({ enum: ['contact', 'user', 'business'] }) type!: string;
  @ApiProperty({ nullable: true, type: String }) id!: string | null;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
}

export class MessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) conversationId!: string;
  @ApiProperty({ enum: ['inbound', 'outbound', 'note'] }) direction!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: MessageAuthorDto }) author!: MessageAuthorDto;
  @ApiProperty({ nullable: true, type: String }) externalId!: string | null;
  @ApiProperty({ nullable: true, type: String }) parentExternalId!: string | null;
  @ApiProperty({ description: "the platform's own time of the message" }) createdAt!: string;
  @ApiProperty() receivedAt!: string;
  @ApiPropertyOptional({
    enum: ['held', 'rejected', 'queued', 'sent', 'delivered', 'read', 'failed'],
    description: '`held`: waits for a lead by the reply policy (see hold); `rejected`: a lead refused it, never sent',
  })
  deliveryStatus?: string;
  @ApiPropertyOptional({ type: ReplyHoldDto, description: 'why a reply is held, and the decision once a lead made it' }) hold?: ReplyHoldDto;
  @ApiPropertyOptional({ type: [String], description: "the reply policy's warning terms this reply contains" }) policyWarnings?: string[];
  @ApiPropertyOptional({ description: "the platform's reason, when failed" }) deliveryError?: string;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) attachments!: object[];
  @ApiProperty() edited!: boolean;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'earlier texts, oldest first: {text, replacedAt}' }) previousTexts!: object[];
  @ApiProperty() deleted!: boolean;
  @ApiProperty({ nullable: true, type: String }) deletedAt!: string | null;
}

export class ConversationDetailDto extends ConversationDto {
  @ApiProperty({ type: [MessageDto] }) messages!: MessageDto[];
}
