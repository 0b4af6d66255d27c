import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CHANNEL_TYPES, type ChannelType } from '@app/channels';
import { IfPresent, trim } from '../boot/transforms';

const CONFIG_DOC =
  'Per type (secrets marked *, never returned): facebook {pageId, appSecret*, verifyToken*, pageAccessToken*, appId?}; ' +
  'instagram {igUserId, appSecret*, verifyToken*, accessToken*}; whatsapp {phoneNumberId, appSecret*, verifyToken*, accessToken*}; ' +
  'x {userId, consumerSecret*, accessToken*}; telegram {botToken*, secretToken*}; youtube {channelId, accessToken*, pollSeconds?}; ' +
  'linkedin {organizationUrn, clientSecret*, accessToken*, linkedinVersion?}; email {inboundToken*, serverToken*, fromAddress, mailgunSigningKey*?}; ' +
  'api {secret*, replyUrl?}. Every type also takes apiBaseUrl (the platform API root with its version segment). ' +
  'On PATCH, given keys replace the current ones and null removes an optional one.';

export class CreateChannelDto {
  @ApiProperty({ enum: CHANNEL_TYPES }) @IsIn(CHANNEL_TYPES) type!: ChannelType;
  @ApiProperty({ example: 'Trattoria Facebook Page' }) @Transform(trim) @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: CONFIG_DOC }) @IsObject() config!: Record<string, unknown>;
}

export class UpdateChannelDto {
  @ApiPropertyOptional() @IfPresent() @Transform(trim) @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: CONFIG_DOC }) @IfPresent() @IsObject() config?: Record<string, unknown>;
}

export class ChannelDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CHANNEL_TYPES }) type!: ChannelType;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'register this URL with the platform; it embeds no secret' }) webhookUrl!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the public settings only' }) config!: Record<string, string | number>;
  @ApiProperty({ type: [String], description: 'names of the secrets that are set' }) secretsSet!: string[];
  @ApiProperty({ nullable: true, type: String, description: 'the last polling error (YouTube)' }) pollError!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class ChannelListDto {
  @ApiProperty({ type: [ChannelDto] }) items!: ChannelDto[];
}

export class ChannelEventsQuery {
  @ApiPropertyOptional({ enum: ['pending', 'processed', 'failed'] }) @IsOptional() @IsIn(['pending', 'processed', 'failed']) status?: 'pending' | 'processed' | 'failed';
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class ChannelEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['webhook', 'poll'] }) source!: string;
  @ApiProperty({ enum: ['pending', 'processed', 'failed'] }) status!: string;
  @ApiProperty() receivedAt!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) nextAttemptAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String }) processedAt!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'normalized events the delivery held' }) events!: number | null;
  @ApiProperty({ description: 'bytes' }) size!: number;
  @ApiPropertyOptional({ description: 'the raw body, on the single-event route' }) body?: string;
}

export class ChannelEventListDto {
  @ApiProperty({ type: [ChannelEventDto] }) items!: ChannelEventDto[];
}

export class ReplayResultDto {
  @ApiProperty({ description: 'events put back in line' }) replayed!: number;
}
