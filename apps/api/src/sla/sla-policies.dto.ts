import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { BREACH_ACTIONS, MAX_TARGET_SECONDS, POLICY_CHANNEL_TYPES, POLICY_KINDS, POLICY_PRIORITIES } from '@app/sla';

// The body is checked as a whole by checkNewPolicy / checkPolicyPatch (@app/sla), which name every problem in one
// answer; @Allow only admits the fields past the global whitelist (which refuses any other key).

class SlaPolicyWhenDto {
  @ApiPropertyOptional({ enum: POLICY_PRIORITIES, isArray: true }) priorities?: string[];
  @ApiPropertyOptional({ enum: POLICY_CHANNEL_TYPES, isArray: true }) channelTypes?: string[];
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'roles of this workspace; a conversation without a role never matches a policy listing roles' })
  roleIds?: string[];
  @ApiPropertyOptional({ enum: POLICY_KINDS, isArray: true }) kinds?: string[];
}

const WHEN_DOC = 'every given, non-empty list must contain the conversation\'s value; left out or empty: any. Lists come back without duplicates';
const SECONDS = { minimum: 1, maximum: MAX_TARGET_SECONDS };
const ON_BREACH_DOC = '`notify` (default): publish sla.breached. `escalate`: also move the conversation to its role\'s escalation role';
const BUSINESS_HOURS_DOC = 'a calendar of this workspace (404 BUSINESS_HOURS_NOT_FOUND otherwise): clocks count only its open hours. Null or left out: wall-clock time';

export class CreateSlaPolicyDto {
  @ApiProperty({ example: 'Urgent on social', maxLength: 100 }) @Allow() name!: unknown;
  @ApiPropertyOptional({ type: SlaPolicyWhenDto, description: `${WHEN_DOC}. Left out: matches every conversation` }) @Allow() when?: unknown;
  @ApiProperty({ ...SECONDS, example: 900, description: 'from the first inbound message of a cycle to the first human reply' }) @Allow() firstResponseSeconds!: unknown;
  @ApiPropertyOptional({ ...SECONDS, nullable: true, example: 1800, description: 'from the first inbound message after a reply to the next reply; null: none' })
  @Allow()
  nextResponseSeconds?: unknown;
  @ApiPropertyOptional({ ...SECONDS, nullable: true, example: 86400, description: 'from the first inbound message of a cycle to resolved; null: none' })
  @Allow()
  resolutionSeconds?: unknown;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: BUSINESS_HOURS_DOC }) @Allow() businessHoursId?: unknown;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 80, description: 'share of a target elapsed when sla.warning fires' }) @Allow() warnAtPercent?: unknown;
  @ApiPropertyOptional({ enum: BREACH_ACTIONS, default: 'notify', description: ON_BREACH_DOC }) @Allow() onBreach?: unknown;
}

export class UpdateSlaPolicyDto {
  @ApiPropertyOptional({ maxLength: 100 }) @Allow() name?: unknown;
  @ApiPropertyOptional({ type: SlaPolicyWhenDto, description: `replaces the whole condition; ${WHEN_DOC}` }) @Allow() when?: unknown;
  @ApiPropertyOptional(SECONDS) @Allow() firstResponseSeconds?: unknown;
  @ApiPropertyOptional({ ...SECONDS, nullable: true, description: 'null: none' }) @Allow() nextResponseSeconds?: unknown;
  @ApiPropertyOptional({ ...SECONDS, nullable: true, description: 'null: none' }) @Allow() resolutionSeconds?: unknown;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: BUSINESS_HOURS_DOC }) @Allow() businessHoursId?: unknown;
  @ApiPropertyOptional({ minimum: 1, maximum: 100 }) @Allow() warnAtPercent?: unknown;
  @ApiPropertyOptional({ enum: BREACH_ACTIONS, description: ON_BREACH_DOC }) @Allow() onBreach?: unknown;
}

export class SlaPolicyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: SlaPolicyWhenDto }) when!: SlaPolicyWhenDto;
  @ApiProperty(SECONDS) firstResponseSeconds!: number;
  @ApiProperty({ ...SECONDS, type: Number, nullable: true }) nextResponseSeconds!: number | null;
  @ApiProperty({ ...SECONDS, type: Number, nullable: true }) resolutionSeconds!: number | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) businessHoursId!: string | null;
  @ApiProperty({ minimum: 1, maximum: 100 }) warnAtPercent!: number;
  @ApiProperty({ enum: BREACH_ACTIONS }) onBreach!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class SlaPolicyListDto {
  @ApiProperty({ type: [SlaPolicyDto], description: 'live policies in creation order: the order they are tried in' }) items!: SlaPolicyDto[];
}

export class ReapplyResultDto {
  @ApiProperty({ description: 'open conversations whose policy or due times changed' }) updated!: number;
}
