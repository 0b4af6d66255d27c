import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequireAccess, type AuthUser } from '@app/identity';
import { SlaEngine, SlaPoliciesService } from '@app/sla';
import { uuidPipe } from '../boot/uuid.pipe';
import { CreateSlaPolicyDto, ReapplyResultDto, SlaPolicyDto, SlaPolicyListDto, UpdateSlaPolicyDto } from './sla-policies.dto';

const VALIDATION_DOC =
  '400 VALIDATION_FAILED lists every problem at once (unknown keys, values outside their lists, targets not integers from 1 to 31536000, ...); ' +
  '404 BUSINESS_HOURS_NOT_FOUND or ROLE_NOT_FOUND for references outside this workspace';
const CHOSEN_ONCE = 'Conversations keep the policy chosen when their cycle started: call POST /api/sla-policies/reapply to re-match the open ones.';

/**
 * SLA policies: tried in creation order, the first that matches a conversation applies. Supervisors, leads and
 * admins read them (they run the desk against them); supervisors and admins edit them. Agents have no access.
 */
@ApiTags('sla')
@ApiBearerAuth()
@Controller('api/sla-policies')
export class SlaPoliciesController {
  constructor(
    private readonly policies: SlaPoliciesService,
    private readonly engine: SlaEngine,
  ) {}

  @Post()
  @RequireAccess('supervisor')
  @ApiCreatedResponse({ type: SlaPolicyDto, description: `supervisor, admin. The policy, tried after every existing one. ${VALIDATION_DOC}` })
  create(@CurrentUser() me: AuthUser, @Body() body: CreateSlaPolicyDto): Promise<SlaPolicyDto> {
    return this.policies.create(me.workspaceId, body);
  }

  @Get()
  @RequireAccess('supervisor', 'lead')
  @ApiOkResponse({ type: SlaPolicyListDto, description: 'supervisor, lead, admin. Live policies in creation order' })
  async list(@CurrentUser() me: AuthUser): Promise<SlaPolicyListDto> {
    return { items: await this.policies.list(me.workspaceId) };
  }

  // Declared before ':id' routes; a POST never reaches them anyway, but the order keeps that obvious.
  @Post('reapply')
  @HttpCode(200)
  @RequireAccess('supervisor')
  @ApiOkResponse({ type: ReapplyResultDto, description: 'supervisor, admin. Re-matches every open conversation with a running cycle against the policies now in force, keeping when each clock started' })
  async reapply(@CurrentUser() me: AuthUser): Promise<ReapplyResultDto> {
    return { updated: await this.engine.reapply(me.workspaceId) };
  }

  @Get(':id')
  @RequireAccess('supervisor', 'lead')
  @ApiOkResponse({ type: SlaPolicyDto, description: 'supervisor, lead, admin. 404 SLA_POLICY_NOT_FOUND (also once deleted)' })
  get(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string): Promise<SlaPolicyDto> {
    return this.policies.get(me.workspaceId, id);
  }

  @Patch(':id')
  @RequireAccess('supervisor')
  @ApiOkResponse({ type: SlaPolicyDto, description: `supervisor, admin. Fields left out stay; null clears an optional target. ${CHOSEN_ONCE} ${VALIDATION_DOC}` })
  update(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string, @Body() body: UpdateSlaPolicyDto): Promise<SlaPolicyDto> {
    return this.policies.update(me.workspaceId, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireAccess('supervisor')
  @ApiNoContentResponse({ description: `supervisor, admin. No longer matched; reports keep its history. ${CHOSEN_ONCE}` })
  async remove(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string): Promise<void> {
    await this.policies.remove(me.workspaceId, id);
  }
}
