import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { RequireAccess, type AuthUser, CurrentUser } from '@app/identity';
import { ContactsService, scopeOf } from '@app/inbox';
import { uuidPipe } from '../boot/uuid.pipe';

class IdentityDto {
  @ApiProperty() platform!: string;
  @ApiProperty() externalId!: string;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty({ nullable: true, type: String }) username!: string | null;
  @ApiProperty({ nullable: true, type: Number }) followers!: number | null;
}

class ContactDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty({ nullable: true, type: String }) username!: string | null;
  @ApiProperty({ nullable: true, type: Number }) followers!: number | null;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ type: [IdentityDto], description: 'one per platform account' }) identities!: IdentityDto[];
  @ApiProperty() createdAt!: string;
}

class MergeDto {
  @ApiProperty({ format: 'uuid', description: 'the contact folded into this one (its identities and conversations move here)' })
  @IsUUID()
  contactId!: string;
}

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('api/contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get(':id')
  @ApiOkResponse({ type: ContactDto })
  async get(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string): Promise<ContactDto> {
    await this.contacts.assertReachable(scopeOf(me), [id]);
    return this.contacts.get(me.workspaceId, id);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @RequireAccess('agent', 'lead')
  @ApiOkResponse({ type: ContactDto, description: 'the surviving contact; 409 CONTACTS_SAME for a contact merged into itself' })
  async merge(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string, @Body() body: MergeDto): Promise<ContactDto> {
    await this.contacts.assertReachable(scopeOf(me), [id, body.contactId]);
    return this.contacts.merge(me.workspaceId, id, body.contactId);
  }
}
