import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { ACCESS_LEVELS, type Access, type Member } from '@app/identity';
import { IfPresent, trim } from '../boot/transforms';


export class CreateUserDto {
  @ApiProperty({ example: 'giulia@brand.example' })
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Giulia Rossi' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @ApiProperty({ minLength: 8, description: 'ignored when the e-mail already has an account in another workspace' })
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password!: string;

  @ApiProperty({ enum: ACCESS_LEVELS })
  @IsIn(ACCESS_LEVELS)
  access!: Access;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IfPresent() @Transform(trim) @IsString() @MinLength(1) @MaxLength(120) name?: string;
  @ApiPropertyOptional({ minLength: 8 }) @IfPresent() @IsString() @MinLength(8) @MaxLength(200) password?: string;
  @ApiPropertyOptional({ enum: ACCESS_LEVELS }) @IfPresent() @IsIn(ACCESS_LEVELS) access?: Access;
  @ApiPropertyOptional({ description: 'false deactivates the membership: sign-in and tokens stop working here' })
  @IfPresent()
  @IsBoolean()
  active?: boolean;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ACCESS_LEVELS }) access!: Access;
  @ApiProperty() active!: boolean;
  @ApiProperty({ description: 'when they joined this workspace' }) joinedAt!: string;

  static from(member: Member): UserDto {
    return {
      id: member.id,
      email: member.email,
      name: member.name,
      access: member.access,
      active: member.active,
      joinedAt: member.joinedAt.toISOString(),
    };
  }
}

export class UserListDto {
  @ApiProperty({ type: [UserDto] }) items!: UserDto[];
}
