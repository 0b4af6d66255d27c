import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { MAX_BULK_ASSIGNMENT } from '@app/routing';
import { trim } from '../boot/transforms';

export class AssignmentDto {
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: "the role whose queue it joins (404 ROLE_NOT_FOUND when not a role here); null: no role; absent: unchanged. Changing it leaves the assignee as is",
  })
  @IsOptional()
  @IsUUID()
  roleId?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'who holds it: an active member who answers customers (404 USER_NOT_FOUND when not a member here, 400 for a deactivated member or a supervisor). ' +
      'A lead may assign someone outside the role. null unassigns; absent: unchanged',
  })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;

  @ApiPropertyOptional({
    maxLength: 500,
    description: "why; carried on the conversation.assigned event and the history line (an agent's take defaults to 'taken by the agent')",
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class BulkAssignmentDto extends AssignmentDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MAX_BULK_ASSIGNMENT,
    description: 'ids that are not conversations of this workspace are skipped, not refused',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_ASSIGNMENT)
  @IsUUID('all', { each: true })
  conversationIds!: string[];
}

export class BulkAssignmentResultDto {
  @ApiProperty({ description: 'how many conversations changed (those already so assigned, and unknown ids, do not count)' }) updated!: number;
}
