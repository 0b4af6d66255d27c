import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ACCESS_LEVELS, type Access, type AuthUser, type SignedIn } from '@app/identity';

export class LoginDto {
  @ApiProperty({ example: 'admin@localhost' }) @IsString() @IsNotEmpty() @MaxLength(254) email!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) password!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'which workspace the token acts in; default: the one joined first' })
  @IsOptional()
  @IsUUID()
  workspaceId?: string;
}

export class SwitchWorkspaceDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() workspaceId!: string;
}

export class AuthUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ACCESS_LEVELS }) access!: Access;
  @ApiProperty({ format: 'uuid' }) workspaceId!: string;

  static from(user: AuthUser): AuthUserDto {
    return { id: user.id, email: user.email, name: user.name, access: user.access, workspaceId: user.workspaceId };
  }
}

export class SignedInDto {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ description: 'seconds until the token expires' }) expiresIn!: number;
  @ApiProperty({ type: AuthUserDto }) user!: AuthUserDto;

  static from(signedIn: SignedIn): SignedInDto {
    return { accessToken: signedIn.accessToken, expiresIn: signedIn.expiresIn, user: AuthUserDto.from(signedIn.user) };
  }
}
