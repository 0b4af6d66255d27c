import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateBy, ValidateIf } from 'class-validator';
import { PLACEHOLDERS, unknownPlaceholders, unknownPlaceholdersMessage } from '@app/voice';
import { trim } from '../boot/transforms';
import { MAX_TEXT } from '../conversations/conversation.dto';

const SHORTCUT = /^[\p{L}\p{N}][\p{L}\p{N}_.-]{0,29}$/u;
const SHORTCUT_DOC = 'typed in the reply box to insert it: letters, digits, _ . - (up to 30); unique in the workspace case-insensitively (409 CANNED_SHORTCUT_TAKEN)';
const TEXT_DOC = `may use the placeholders ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}; any other {{...}} is refused (400 VALIDATION_FAILED naming it)`;
const ROLE_DOC = 'only for this role (its members, leads, supervisors and admins see it); absent or null: for the whole workspace. 404 ROLE_NOT_FOUND';

/** Blank clears the field: '' and whitespace become null. */
const blankToNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? (value.trim() === '' ? null : value.trim()) : value);

/** Names every placeholder the desk cannot fill, in the same answer as the other fields' problems. */
const KnownPlaceholders = () =>
  ValidateBy({
    name: 'knownPlaceholders',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || unknownPlaceholders(value).length === 0,
      defaultMessage: (args) => unknownPlaceholdersMessage(unknownPlaceholders(String(args?.value ?? ''))),
    },
  });

export class CreateCannedResponseDto {
  @ApiProperty({ example: 'Thanks for the review', maxLength: 100 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ example: 'Ciao {{contact.firstName}}, grazie! {{agent.firstName}} di {{workspace.name}}', maxLength: MAX_TEXT, description: TEXT_DOC })
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' && value.trim() === '' ? '' : value))
  @MinLength(1, { message: 'text must not be empty' })
  @MaxLength(MAX_TEXT)
  @KnownPlaceholders()
  text!: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: ROLE_DOC })
  @IsOptional()
  @IsUUID()
  roleId?: string | null;

  @ApiPropertyOptional({ example: 'thanks', nullable: true, type: String, description: SHORTCUT_DOC })
  @Transform(blankToNull)
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @Matches(SHORTCUT, { message: 'shortcut must be 1 to 30 letters, digits, _ . or -, starting with a letter or digit' })
  shortcut?: string | null;

  @ApiPropertyOptional({ example: 'it', nullable: true, type: String, description: 'ISO 639-1 code of the language it is written in' })
  @Transform(({ value }) => (typeof value === 'string' ? (value.trim() === '' ? null : value.trim().toLowerCase()) : value))
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @Matches(/^[a-z]{2}$/, { message: 'language must be an ISO 639-1 code such as it or en' })
  language?: string | null;
}

export class UpdateCannedResponseDto {
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(100) name?: string;

  @ApiPropertyOptional({ maxLength: MAX_TEXT, description: TEXT_DOC })
  @IsOptional()
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' && value.trim() === '' ? '' : value))
  @MinLength(1, { message: 'text must not be empty' })
  @MaxLength(MAX_TEXT)
  @KnownPlaceholders()
  text?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: `${ROLE_DOC}; null makes it workspace-wide` })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID()
  roleId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: `${SHORTCUT_DOC}; null or blank removes it` })
  @Transform(blankToNull)
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @Matches(SHORTCUT, { message: 'shortcut must be 1 to 30 letters, digits, _ . or -, starting with a letter or digit' })
  shortcut?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'ISO 639-1 code; null or blank removes it' })
  @Transform(({ value }) => (typeof value === 'string' ? (value.trim() === '' ? null : value.trim().toLowerCase()) : value))
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @Matches(/^[a-z]{2}$/, { message: 'language must be an ISO 639-1 code such as it or en' })
  language?: string | null;
}

export class ListCannedResponsesQuery {
  @ApiPropertyOptional({ description: "a role's id: only that role's responses; `none`: only the workspace-wide ones" })
  @IsOptional()
  @Matches(/^(none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: 'roleId must be a UUID or none' })
  roleId?: string;

  @ApiPropertyOptional({ description: 'part of the name, shortcut or text, case-insensitively' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class RenderCannedResponseDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'the conversation to answer (one you may read: 404 CONVERSATION_NOT_FOUND); without it the contact and channel placeholders are missing' })
  @IsOptional()
  @IsUUID()
  conversationId?: string;
}

export class RenderedCannedResponseDto {
  @ApiProperty({ description: 'the text with the placeholders filled; those without a value are left out' }) text!: string;
  @ApiProperty({ enum: PLACEHOLDERS, isArray: true, description: 'placeholders that had no value (e.g. a contact without a name or username): complete them by hand' })
  missing!: string[];
}

export class CannedResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null: for the whole workspace' }) roleId!: string | null;
  @ApiProperty({ nullable: true, type: String }) shortcut!: string | null;
  @ApiProperty({ nullable: true, type: String }) language!: string | null;
  @ApiProperty({ enum: PLACEHOLDERS, isArray: true, description: 'the placeholders the text uses' }) placeholders!: string[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class CannedResponseListDto {
  @ApiProperty({ type: [CannedResponseDto], description: 'by name' }) items!: CannedResponseDto[];
}
