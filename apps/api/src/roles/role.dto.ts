import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { ASSIGNMENT_STRATEGIES, type AssignmentStrategy, type RoleView } from '@app/routing';
import { IfPresent, trim } from '../boot/transforms';

const STRATEGY_DOC =
  'how the role hands out its conversations: round_robin (default) or least_busy among its online members under capacity, ' +
  'or manual (they wait in the queue to be taken or assigned)';

/** A week: an acceptance timer longer than that is a forgotten setting, not a timer. */
const MAX_ACCEPTANCE_SECONDS = 7 * 24 * 3600;
const ACCEPTANCE_DOC =
  'the acceptance timer in seconds: when the assignee has not replied within it, the conversation escalates (to escalationRoleId, ' +
  "unassigned, or else back to this role's queue) and leads are told live; null: no timer";
const BUSINESS_HOURS_DOC = "the role's working hours: a business-hours calendar of this workspace (404 BUSINESS_HOURS_NOT_FOUND otherwise); null: always";

export class CreateRoleDto {
  @ApiProperty({ example: 'Customer care', maxLength: 100, description: 'unique in the workspace, case-insensitively (409 ROLE_NAME_TAKEN)' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ maxLength: 1000, nullable: true, type: String })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  description?: string | null;

  @ApiPropertyOptional({ enum: ASSIGNMENT_STRATEGIES, default: 'round_robin', description: STRATEGY_DOC })
  @IsOptional()
  @IsIn(ASSIGNMENT_STRATEGIES)
  assignment?: AssignmentStrategy;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'where its conversations escalate: another role of this workspace (404 ROLE_NOT_FOUND otherwise), never itself nor a loop back to it',
  })
  @IsOptional()
  @IsUUID()
  escalationRoleId?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_ACCEPTANCE_SECONDS, nullable: true, type: Number, description: ACCEPTANCE_DOC })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ACCEPTANCE_SECONDS)
  acceptanceSeconds?: number | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: BUSINESS_HOURS_DOC })
  @IsOptional()
  @IsUUID()
  businessHoursId?: string | null;
}

export class UpdateRoleDto {
  @ApiPropertyOptional({ maxLength: 100 }) @IfPresent() @Transform(trim) @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional({ maxLength: 1000, nullable: true, type: String, description: 'null or blank clears it' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  description?: string | null;
  @ApiPropertyOptional({ enum: ASSIGNMENT_STRATEGIES, description: STRATEGY_DOC }) @IfPresent() @IsIn(ASSIGNMENT_STRATEGIES) assignment?: AssignmentStrategy;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'null clears it' }) @IsOptional() @IsUUID() escalationRoleId?: string | null;
  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_ACCEPTANCE_SECONDS,
    nullable: true,
    type: Number,
    description: `${ACCEPTANCE_DOC}. Applies to assignments made after the change`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ACCEPTANCE_SECONDS)
  acceptanceSeconds?: number | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: BUSINESS_HOURS_DOC }) @IsOptional() @IsUUID() businessHoursId?: string | null;
}

export class RoleMemberInputDto {
  @ApiProperty({ format: 'uuid', description: 'an active member of this workspace who answers customers (not a supervisor)' })
  @IsUUID()
  userId!: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 100000, nullable: true, type: Number, description: 'the most open conversations of this role they hold at once; absent or null: unlimited' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  capacity?: number | null;
}

export class SetRoleMembersDto {
  @ApiProperty({
    type: [RoleMemberInputDto],
    description:
      'the whole membership: members not listed leave the role. 404 USER_NOT_FOUND names ids that are not members of this workspace; ' +
      '400 VALIDATION_FAILED names deactivated members, supervisors and ids listed twice',
  })
  @IsArray()
  @ArrayMaxSize(1000)
  @IsObject({ each: true, message: 'each of members must be an object {userId, capacity?}' })
  @ValidateNested({ each: true })
  @Type(() => RoleMemberInputDto)
  members!: RoleMemberInputDto[];
}

class RoleMemberDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'null: unlimited' }) capacity!: number | null;
}

export class RoleDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ enum: ASSIGNMENT_STRATEGIES }) assignment!: AssignmentStrategy;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) escalationRoleId!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'the acceptance timer in seconds; null: none' }) acceptanceSeconds!: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the working-hours calendar; null: always' }) businessHoursId!: string | null;
  @ApiProperty({ type: [RoleMemberDto], description: 'by name' }) members!: RoleMemberDto[];
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static from(role: RoleView): RoleDto {
    return role;
  }
}

export class RoleListDto {
  @ApiProperty({ type: [RoleDto] }) items!: RoleDto[];
}
