import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { CHANNEL_TYPES, type ChannelType, type EventKind } from '@app/channels';
import { EVENT_KINDS, MAP_LIMITS, PRIORITIES, SENTIMENTS, type Rule } from '@app/routing';

/*
 * The map's body is checked by validateMap (libs/routing), which names every offending field as `rules.2.then.roleId`;
 * these classes document it for OpenAPI only.
 */

class RuleWhenDto {
  @ApiPropertyOptional({ enum: CHANNEL_TYPES, isArray: true, minItems: 1 }) channelTypes?: ChannelType[];
  @ApiPropertyOptional({ type: [String], format: 'uuid', minItems: 1, description: 'channels of this workspace' }) channelIds?: string[];
  @ApiPropertyOptional({ enum: EVENT_KINDS, isArray: true, minItems: 1 }) kinds?: EventKind[];
  @ApiPropertyOptional({ type: [String], minItems: 1, example: ['it'], description: 'ISO 639-1 codes of the language detected in the text' }) languages?: string[];
  @ApiPropertyOptional({
    type: [String],
    minItems: 1,
    maxItems: MAP_LIMITS.keywords,
    example: ['rimborso', 'money back'],
    description: 'any one of them, as a whole word or phrase, case- and accent-insensitively',
  })
  keywords?: string[];
  @ApiPropertyOptional({
    description: 'negative, neutral or positive; or a non-empty array of them (any one holds)',
    oneOf: [{ type: 'string', enum: [...SENTIMENTS] }, { type: 'array', items: { type: 'string', enum: [...SENTIMENTS] } }],
  })
  sentiment?: string | string[];
  @ApiPropertyOptional({ minimum: 0, description: "the author's follower count must be known and at least this" }) minFollowers?: number;
}

class RuleThenDto {
  @ApiProperty({ format: 'uuid', description: 'a role of this workspace' }) roleId!: string;
  @ApiPropertyOptional({ enum: PRIORITIES, default: 'normal' }) priority?: string;
  @ApiPropertyOptional({ type: [String], maxItems: MAP_LIMITS.tags, description: 'added to the conversation (lower-cased)' }) tags?: string[];
}

class RuleDto {
  @ApiProperty({ maxLength: MAP_LIMITS.nameLength, description: 'unique in the map, case-insensitively' }) name!: string;
  @ApiPropertyOptional({ type: RuleWhenDto, description: 'every condition given must hold; absent or {}: every message' }) when?: RuleWhenDto;
  @ApiProperty({ type: RuleThenDto }) then!: RuleThenDto;
}

export class PutResponsibilityMapDto {
  @ApiProperty({ format: 'uuid', description: 'the role that takes what no rule takes' }) defaultRoleId!: string;
  @ApiProperty({ type: [RuleDto], maxItems: MAP_LIMITS.rules, description: 'tried in order; the first whose every condition holds decides' }) rules!: RuleDto[];
}

class CreatedByDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
}

export class ResponsibilityMapDto {
  @ApiProperty({ description: '0 before the first map is saved' }) version!: number;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null before the first map, or once that role was deleted' }) defaultRoleId!: string | null;
  @ApiProperty({ type: [RuleDto] }) rules!: Rule[];
  @ApiProperty({ nullable: true, type: String }) createdAt!: string | null;
  @ApiProperty({ nullable: true, type: CreatedByDto }) createdBy!: CreatedByDto | null;
}

class MapVersionSummaryDto {
  @ApiProperty() version!: number;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) defaultRoleId!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: CreatedByDto }) createdBy!: CreatedByDto | null;
  @ApiProperty({ description: 'how many rules' }) rules!: number;
}

export class MapVersionListDto {
  @ApiProperty({ type: [MapVersionSummaryDto], description: 'newest first' }) items!: MapVersionSummaryDto[];
}

export class DryRunDto {
  @ApiProperty({ enum: CHANNEL_TYPES }) @IsIn(CHANNEL_TYPES) channelType!: ChannelType;
  @ApiProperty({ enum: EVENT_KINDS }) @IsIn(EVENT_KINDS) kind!: EventKind;
  @ApiProperty({ maxLength: 50_000, example: 'Servizio pessimo, voglio il rimborso 😡' }) @IsString() @MaxLength(50_000) text!: string;
  @ApiPropertyOptional({ minimum: 0, nullable: true, type: Number, description: "the author's followers; absent: unknown (minFollowers rules do not hold)" })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAP_LIMITS.minFollowers)
  followers?: number | null;
  @ApiPropertyOptional({ format: 'uuid', description: 'absent: rules on channelIds do not hold' }) @IsOptional() @IsUUID() channelId?: string;
}

export class DryRunResultDto {
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null: no map yet (or its default role was deleted)' }) roleId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the deciding rule; null: the default role' }) rule!: string | null;
  @ApiProperty({ enum: PRIORITIES }) priority!: string;
  @ApiProperty({ nullable: true, type: String }) language!: string | null;
  @ApiProperty({ nullable: true, enum: SENTIMENTS }) sentiment!: string | null;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: [String], description: "the deciding rule's keywords found in the text" }) matchedKeywords!: string[];
  @ApiProperty({ nullable: true, type: Number, description: 'the map version that decided; null: no map yet' }) mapVersion!: number | null;
}
